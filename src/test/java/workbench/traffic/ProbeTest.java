package workbench.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import workbench.backend.PageClient;

class ProbeTest {
    private static final String V1 = "<h4>Reviews served by:</h4><small>reviews-v1-7d9f8c-abcde</small>";

    @Test
    void requestsWithNoResponseAreATransportFailureNeverAStatus() {
        AtomicInteger n = new AtomicInteger();
        PageClient flaky = (path, headers) -> {
            if (n.incrementAndGet() % 10 == 0) throw new IOException("transport failure: connection reset");
            return new PageClient.Page(200, V1);
        };
        assertThatThrownBy(() -> Probe.bulk(flaky, "/productpage", Map.of(), 100, 4))
                .isInstanceOf(Probe.TransportFailure.class)
                .hasMessageStartingWith("10 of 100 requests got no HTTP response (a transport failure, not a page status)")
                .hasMessageContaining("connection reset");
    }

    @Test
    void everyPageThatCameBackIsObserved() {
        Observations o = Probe.bulk((path, headers) -> new PageClient.Page(200, V1), "/productpage", Map.of(), 50, 4);
        assertThat(o.byReviews()).containsExactly(Map.entry("v1", 50L));
        assertThat(o.byStatus()).containsExactly(Map.entry("200", 50L));
    }
}
