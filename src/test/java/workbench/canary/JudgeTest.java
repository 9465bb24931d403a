package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gates on given numbers: Flagger's thresholds, and no data failing every gate that needs it. */
class JudgeTest {
    private final Judge judge = new Judge(Criteria.of(99, 500));

    private static Map<String, Boolean> outcome(List<Gate> gates) {
        Map<String, Boolean> m = new java.util.LinkedHashMap<>();
        gates.forEach(g -> m.put(g.name(), g.passed()));
        return m;
    }

    @Test
    void noCanaryTrafficFailsEveryGate() {
        Interval none = new Interval(0, 0, Double.NaN, 90, 0, 10, new double[0], new double[] {5, 6});
        assertThat(outcome(judge.gates(none))).containsOnlyKeys(Gate.SUCCESS_RATE, Gate.DURATION, Gate.ERRORS_VS_STABLE, Gate.LATENCY_VS_STABLE)
                .allSatisfy((k, v) -> assertThat(v).as(k).isFalse());
    }

    @Test
    void successRateAndP99AgainstTheirThresholds() {
        Interval ok = new Interval(100, 1, 499, 900, 9, 10, new double[] {5}, new double[] {5});
        assertThat(outcome(judge.gates(ok))).containsEntry(Gate.SUCCESS_RATE, true).containsEntry(Gate.DURATION, true);
        Interval bad = new Interval(100, 2, 501, 900, 9, 10, new double[] {5}, new double[] {5});
        assertThat(outcome(judge.gates(bad))).containsEntry(Gate.SUCCESS_RATE, false).containsEntry(Gate.DURATION, false);
    }

    @Test
    void aCanaryWithMoreErrorsThanStableFailsFishersTest() {
        Interval worse = new Interval(100, 10, 5, 900, 0, 5, new double[] {5}, new double[] {5});
        assertThat(outcome(judge.gates(worse))).containsEntry(Gate.ERRORS_VS_STABLE, false);
        Interval same = new Interval(100, 1, 5, 900, 9, 5, new double[] {5}, new double[] {5});
        assertThat(outcome(judge.gates(same))).containsEntry(Gate.ERRORS_VS_STABLE, true);
    }
}
