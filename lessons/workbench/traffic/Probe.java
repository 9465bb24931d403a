package workbench.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.backend.Backend;
import workbench.backend.PageClient;

/** Sends traffic the way the article's reader does, and in bulk, and turns the answers into observations. */
public final class Probe {
    public static final String PRODUCTPAGE_URL = "http://productpage:9080/productpage";
    private static final Pattern REVIEWS_POD = Pattern.compile("reviews-v[0-9]+");

    private Probe() {}

    /**
     * The reader's loop: {@code fortio curl -quiet URL | grep -oE 'reviews-v[0-9]+' | head -1}, {@code times} times.
     * Each element is what one iteration printed; "" for a page without reviews, where the shell loop prints nothing.
     */
    public static List<String> readerLoop(Backend backend, int times) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            Matcher m = REVIEWS_POD.matcher(backend.fortioCurl(PRODUCTPAGE_URL));
            lines.add(m.find() ? m.group() : "");
        }
        return lines;
    }

    /** {@code requests} GETs of {@code path} spread over {@code concurrency} callers; failures count as status 0. */
    public static Observations bulk(PageClient client, String path, Map<String, String> headers, int requests, int concurrency) {
        long start = System.nanoTime();
        concurrency = Math.max(1, Math.min(concurrency, requests));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            List<Future<List<Observation>>> parts = new ArrayList<>();
            for (int c = 0; c < concurrency; c++) {
                int share = requests / concurrency + (c < requests % concurrency ? 1 : 0);
                parts.add(pool.submit(() -> sequential(client, path, headers, share)));
            }
            List<Observation> all = new ArrayList<>(requests);
            for (Future<List<Observation>> part : parts) all.addAll(part.get());
            return new Observations(all, java.time.Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending traffic", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a traffic sender failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Observation> sequential(PageClient client, String path, Map<String, String> headers, int count) {
        List<Observation> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            try {
                PageClient.Page page = client.get(path, headers);
                out.add(Observation.fromPage(page.status(), page.body()));
            } catch (IOException e) {
                out.add(new Observation(0, Observation.NONE, Observation.NONE, ""));
            }
        }
        return out;
    }
}
