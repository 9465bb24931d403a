package workbench.traffic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * {@code requests} GETs of {@code path} spread over {@code concurrency} callers. A request that got no HTTP
     * response at all (the client's transport failed, after its own retry) is not a page the mesh served, so it
     * is never counted as a status: the run stops with a {@link TransportFailure} saying how many and why.
     */
    public static Observations bulk(PageClient client, String path, Map<String, String> headers, int requests, int concurrency) {
        long start = System.nanoTime();
        int callers = Math.max(1, Math.min(concurrency, requests));
        List<Observation> all = new ArrayList<>(requests);
        int failed = 0;
        String firstFailure = null;
        for (Share s : Callers.run(callers, "bulk-check", c -> () ->
                sequential(client, path, headers, requests / callers + (c < requests % callers ? 1 : 0)))) {
            all.addAll(s.pages());
            failed += s.failed();
            if (firstFailure == null) firstFailure = s.firstFailure();
        }
        if (failed > 0) throw new TransportFailure(failed, requests, firstFailure);
        return new Observations(all, java.time.Duration.ofNanos(System.nanoTime() - start));
    }

    /** Requests that got no HTTP response: a failure of the way in (port-forward, connection), not of the mesh. */
    public static final class TransportFailure extends IllegalStateException {
        public TransportFailure(int failed, int sent, String first) {
            super(failed + " of " + sent + " requests got no HTTP response (a transport failure, not a page status), "
                    + "so this run measured nothing; the first: " + first);
        }
    }

    /** What one caller saw: the pages that came back, and how many requests got none. */
    private record Share(List<Observation> pages, int failed, String firstFailure) {}

    private static Share sequential(PageClient client, String path, Map<String, String> headers, int count) {
        List<Observation> out = new ArrayList<>(count);
        int failed = 0;
        String first = null;
        for (int i = 0; i < count; i++) {
            try {
                PageClient.Page page = client.get(path, headers);
                out.add(Observation.fromPage(page.status(), page.body()));
            } catch (IOException e) {
                failed++;
                if (first == null) first = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        return new Share(out, failed, first);
    }
}
