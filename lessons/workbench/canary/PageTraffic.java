package workbench.canary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbench.backend.PageClient;
import workbench.traffic.Callers;
import workbench.traffic.Observation;

/**
 * The analysis' load generator (Flagger's load tester, here inside the mesh): productpage pages from several callers,
 * each timed and read for the reviews version that served it.
 */
final class PageTraffic {
    record Timed(Observation page, double millis) {}

    private PageTraffic() {}

    /** {@code requests} pages from {@code concurrency} callers, spread evenly over {@code over} (zero: as fast as they come). */
    static List<Timed> send(PageClient client, int requests, int concurrency, java.time.Duration over) {
        long start = System.nanoTime();
        int callers = Math.max(1, Math.min(concurrency, requests));
        List<Timed> all = new ArrayList<>(requests);
        for (List<Timed> part : Callers.run(callers, "canary-traffic", c -> () -> {
            int share = requests / callers + (c < requests % callers ? 1 : 0);
            List<Timed> out = new ArrayList<>(share);
            for (int i = 0; i < share; i++) {
                long due = start + over.toNanos() * i / Math.max(1, share);
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                long sent = System.nanoTime();
                Observation page;
                try {
                    PageClient.Page p = client.get("/productpage", Map.of());
                    page = Observation.fromPage(p.status(), p.body());
                } catch (IOException e) {
                    page = new Observation(0, Observation.NONE, Observation.NONE, "");
                }
                out.add(new Timed(page, (System.nanoTime() - sent) / 1e6));
            }
            return out;
        })) {
            all.addAll(part);
        }
        return all;
    }
}
