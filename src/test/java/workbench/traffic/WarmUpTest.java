package workbench.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.backend.PageClient;

class WarmUpTest {
    private static final String V1 = "<h4>Reviews served by:</h4><small>reviews-v1-7d9f8c-abcde</small>";
    private static final String COLD = "<h4>Reviews served by:</h4><p>Sorry, product reviews are currently unavailable for this book.</p>";

    /** Answers from a script, then good v1 pages. */
    private static PageClient scripted(List<Object> first) {
        Deque<Object> script = new ArrayDeque<>(first);
        return (path, headers) -> {
            Object next = script.isEmpty() ? V1 : script.poll();
            if (next instanceof IOException e) throw e;
            if (next instanceof Integer status) return new PageClient.Page(status, "");
            return new PageClient.Page(200, (String) next);
        };
    }

    @Test
    void theStreakStartsOverAfterABadPage() {
        PageClient cold = scripted(List.of(COLD, V1, V1, COLD, 503, new IOException("reset"), V1));
        WarmUp.Result r = WarmUp.run(cold, "/productpage", Map.of(), 3, Duration.ofSeconds(10));
        // COLD V1 V1 COLD 503 io | V1 V1 V1: the streak of three ends at page 9
        assertThat(r.reached()).isTrue();
        assertThat(r.pagesSent()).isEqualTo(9);
        assertThat(r.summary()).startsWith("3 good pages in a row after 9 pages, ");
    }

    @Test
    void itGivesUpAtItsTimeLimitAndSaysSo() {
        PageClient neverWarm = (path, headers) -> new PageClient.Page(200, COLD);
        WarmUp.Result r = WarmUp.run(neverWarm, "/productpage", Map.of(), 5, Duration.ofMillis(200));
        assertThat(r.reached()).isFalse();
        assertThat(r.took()).isGreaterThanOrEqualTo(Duration.ofMillis(200)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.summary()).startsWith("no 5 good pages in a row within 0.2 s (");
    }

    @Test
    void aRatingsErrorIsNotWarm() throws IOException {
        String ratingsDown = "<h4>Reviews served by:</h4><small>reviews-v3-5b6c7d-fghij</small><p>Ratings service is currently unavailable</p>";
        assertThat(WarmUp.good(scripted(List.of(ratingsDown)), "/productpage", Map.of())).isFalse();
        assertThat(WarmUp.good(scripted(List.of(V1)), "/productpage", Map.of())).isTrue();
    }
}
