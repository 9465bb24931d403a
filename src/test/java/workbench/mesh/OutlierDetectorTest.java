package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import workbench.istio.OutlierDetection;

/** Envoy outlier_detection_impl.cc as pilot configures it (cluster_traffic_policy.go applyOutlierDetection), on a driven clock. */
class OutlierDetectorTest {
    private long now = 0;
    private final Pod a = new Pod("a", "default", Map.of(), null);
    private final Pod b = new Pod("b", "default", Map.of(), null);
    private final Pod c = new Pod("c", "default", Map.of(), null);
    private final List<Pod> hosts = List.of(a, b, c);

    private OutlierDetector detector(Integer consecutive5xx, Integer gateway, int maxEjectionPercent, int minHealth) {
        OutlierDetection s = new OutlierDetection(
                consecutive5xx == null ? OptionalInt.empty() : OptionalInt.of(consecutive5xx),
                gateway == null ? OptionalInt.empty() : OptionalInt.of(gateway),
                Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(30)), maxEjectionPercent, minHealth);
        OutlierDetector d = new OutlierDetector(s, () -> now);
        d.available(hosts);
        return d;
    }

    private void at(Duration t) { now = t.toNanos(); }

    @Test
    void consecutive5xxEjectsAtOnceAndTheHostLeavesTheBalancer() {
        OutlierDetector d = detector(3, null, 100, 0);
        d.record(a, 500);
        d.record(a, 503);
        assertThat(d.available(hosts)).contains(a);
        d.record(a, 500);
        assertThat(d.available(hosts)).containsExactly(b, c);
    }

    @Test
    void aSuccessResetsTheCount() {
        OutlierDetector d = detector(3, null, 100, 0);
        d.record(a, 500);
        d.record(a, 500);
        d.record(a, 200);
        d.record(a, 500);
        d.record(a, 500);
        assertThat(d.isEjected(a)).isFalse();
    }

    @Test
    void theDefaultMaxEjectionPercentEjectsNothingInASmallCluster() {
        // Envoy since #27909: 100 * (ejected + 1) / hosts must stay <= max_ejection_percent (default 10)
        OutlierDetector d = detector(1, null, 0, 0);
        d.record(a, 500);
        assertThat(d.isEjected(a)).isFalse();
        assertThat(d.available(hosts)).hasSize(3);
    }

    @Test
    void maxEjectionPercentCapsTheEjections() {
        OutlierDetector d = detector(1, null, 50, 0); // one of three is 33% <= 50; two would be 67%
        d.record(a, 500);
        d.record(b, 500);
        assertThat(d.available(hosts)).containsExactly(b, c);
        assertThat(d.ejectionsActive()).isEqualTo(1);
    }

    @Test
    void theHostReturnsAfterBaseEjectionTimeTimesItsEjections() {
        OutlierDetector d = detector(1, null, 100, 0);
        d.record(a, 500);                                  // ejection 1 at t=0: 30 s
        at(Duration.ofSeconds(29));
        assertThat(d.isEjected(a)).isTrue();
        at(Duration.ofSeconds(30));                        // the interval timer at 30 s lets it back
        assertThat(d.isEjected(a)).isFalse();
        d.record(a, 500);                                  // ejection 2 at t=30 s: 2 × 30 s
        at(Duration.ofSeconds(89));
        assertThat(d.isEjected(a)).isTrue();
        at(Duration.ofSeconds(90));
        assertThat(d.isEjected(a)).isFalse();
    }

    @Test
    void unejectionWaitsForTheIntervalTimer() {
        OutlierDetection s = new OutlierDetection(OptionalInt.of(1), OptionalInt.empty(), Optional.of(Duration.ofSeconds(10)),
                Optional.of(Duration.ofSeconds(1)), 100, 0);
        now = Duration.ofMillis(500).toNanos();
        OutlierDetector d = new OutlierDetector(s, () -> now);  // ticks at 10.5 s, 20.5 s...
        d.available(hosts);
        d.record(a, 500);
        at(Duration.ofSeconds(5));
        assertThat(d.isEjected(a)).as("1 s passed, but no tick yet").isTrue();
        at(Duration.ofMillis(10_500));
        assertThat(d.isEjected(a)).isFalse();
    }

    @Test
    void gatewayErrorsCountOnlyWhenConfiguredAndOnly502To504() {
        OutlierDetector d = detector(0, 2, 100, 0);          // consecutive5xxErrors: 0 disables the 5xx check
        d.record(a, 500);
        d.record(a, 500);
        d.record(a, 500);
        assertThat(d.isEjected(a)).isFalse();
        d.record(a, 502);
        d.record(a, 500);                                  // a non-gateway 5xx resets the gateway count
        d.record(a, 504);
        assertThat(d.isEjected(a)).isFalse();
        d.record(a, 503);
        assertThat(d.isEjected(a)).isTrue();
    }

    @Test
    void unsetConsecutive5xxMeansEnvoysDefaultOfFive() {
        OutlierDetector d = detector(null, null, 100, 0);
        for (int i = 0; i < 4; i++) d.record(a, 503);
        assertThat(d.isEjected(a)).isFalse();
        d.record(a, 503);
        assertThat(d.isEjected(a)).isTrue();
    }

    @Test
    void belowMinHealthPercentEveryHostIsUsed() {
        OutlierDetector d = detector(1, null, 100, 80);      // panic threshold 80%
        d.record(a, 500);
        assertThat(d.available(hosts)).as("2/3 healthy < 80%: panic").hasSize(3);
    }
}
