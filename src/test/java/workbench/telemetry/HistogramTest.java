package workbench.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * histogram_quantile as Prometheus computes it (promql/quantile.go, bucketQuantile): linear inside the bucket the
 * rank falls in, the first bucket starting at 0, a rank in +Inf answering the highest finite bound, NaN when empty.
 */
class HistogramTest {
    static Stream<Arguments> cases() {
        double inf = Double.POSITIVE_INFINITY;
        return Stream.of(
                // 100 observations, all in (5, 10]: P99 is 5 + 5 * 99/100
                Arguments.of(Map.of(5.0, 0.0, 10.0, 100.0, inf, 100.0), 0.99, 9.95),
                // first bucket starts at 0: 50 in [0, 1], median at rank 25 → 0.5
                Arguments.of(Map.of(1.0, 50.0, 5.0, 50.0, inf, 50.0), 0.5, 0.5),
                // 90 fast, 10 in (500, 1000]: rank 99 is 9 of 10 into that bucket → 950
                Arguments.of(Map.of(5.0, 90.0, 500.0, 90.0, 1000.0, 100.0, inf, 100.0), 0.99, 950.0),
                // the rank lands in +Inf: the highest finite bound
                Arguments.of(Map.of(5.0, 10.0, 10.0, 10.0, inf, 100.0), 0.99, 10.0),
                Arguments.of(Map.of(5.0, 0.0, inf, 0.0), 0.99, Double.NaN));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void quantileAsPrometheus(Map<Double, Double> buckets, double q, double expected) {
        double got = Histogram.of(buckets).quantile(q);
        if (Double.isNaN(expected)) assertThat(got).isNaN();
        else assertThat(got).isCloseTo(expected, within(1e-9));
    }
}
