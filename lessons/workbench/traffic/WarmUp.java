package workbench.traffic;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import workbench.backend.PageClient;

/**
 * Warm-up before a measured run: fetch pages until {@code n} in a row come back good, within a time limit.
 * A real cluster's Java {@code reviews} pods answer their first requests slowly enough to exceed
 * productpage's 3 s timeout, which shows as "reviews unavailable" and has nothing to do with routing.
 * A good page is a 200 that shows reviews from a version and no ratings error.
 */
public final class WarmUp {
    /** What the warm-up did, for the article: pages sent, whether the streak was reached, how long it took. */
    public record Result(int pagesSent, int wanted, boolean reached, Duration took) {
        public String summary() {
            double seconds = took.toMillis() / 1000.0;
            return reached
                    ? String.format(Locale.ROOT, "%d good pages in a row after %d pages, %.1f s", wanted, pagesSent, seconds)
                    : String.format(Locale.ROOT, "no %d good pages in a row within %.1f s (%d pages sent)", wanted, seconds, pagesSent);
        }
    }

    private WarmUp() {}

    public static Result run(PageClient client, String path, Map<String, String> headers, int n, Duration limit) {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        int sent = 0;
        int inARow = 0;
        while (inARow < n && System.nanoTime() < deadline) {
            sent++;
            inARow = good(client, path, headers) ? inARow + 1 : 0;
        }
        return new Result(sent, n, inARow >= n, Duration.ofNanos(System.nanoTime() - start));
    }

    static boolean good(PageClient client, String path, Map<String, String> headers) {
        try {
            PageClient.Page page = client.get(path, headers);
            Observation o = Observation.fromPage(page.status(), page.body());
            return o.status() == 200 && o.reviews().matches("v\\d+") && !o.ratings().equals(Observation.UNAVAILABLE);
        } catch (IOException e) {
            return false;
        }
    }
}
