package workbench.canary;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import workbench.backend.PageClient;
import workbench.traffic.Callers;
import workbench.traffic.Observation;

/**
 * The analysis' load generator (Flagger's load tester, here inside the mesh): productpage pages from several callers,
 * each timed and read for the reviews version that served it. The interval's requests are one queue: a caller takes the
 * next one as soon as its last page is answered, as a duration-bound load tester's workers do, so one slow page holds up
 * only its own caller instead of a fixed share of the interval behind it.
 */
final class PageTraffic {
    record Timed(Observation page, double millis) {}

    private PageTraffic() {}

    /**
     * {@code requests} pages from {@code concurrency} callers, request {@code i} not sent before {@code i/requests} of
     * {@code over} has passed (zero: as fast as they come); returned in request order.
     */
    static List<Timed> send(PageClient client, int requests, int concurrency, java.time.Duration over) {
        long start = System.nanoTime();
        int callers = Math.max(1, Math.min(concurrency, requests));
        Timed[] all = new Timed[requests];
        AtomicInteger next = new AtomicInteger();
        Callers.run(callers, "canary-traffic", c -> () -> {
            for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                long wait = start + over.toNanos() * i / requests - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                all[i] = timed(client);
            }
            return null;
        });
        return Arrays.asList(all);
    }

    private static Timed timed(PageClient client) {
        long sent = System.nanoTime();
        Observation page;
        try {
            PageClient.Page p = client.get("/productpage", Map.of());
            page = Observation.fromPage(p.status(), p.body());
        } catch (IOException e) {
            page = new Observation(0, Observation.NONE, Observation.NONE, "");
        }
        return new Timed(page, (System.nanoTime() - sent) / 1e6);
    }
}
