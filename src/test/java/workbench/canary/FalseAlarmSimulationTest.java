package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The two canary-vs-stable tests' false-alarm rates, by simulation: canary and stable drawn from the same
 * distribution, the share of runs the test calls the canary worse must not exceed the stated α (with sampling slack of
 * four standard errors). And the same tests catch a real difference, so the check is not passing by never rejecting.
 */
class FalseAlarmSimulationTest {
    private static final int RUNS = 20_000;
    private static final double ALPHA = Criteria.DEFAULT_ALPHA;
    private static final double SLACK = 4 * Math.sqrt(ALPHA * (1 - ALPHA) / RUNS);

    @Test
    void fisherRaisesFalseAlarmsAtMostAtAlpha() {
        SplittableRandom random = new SplittableRandom(1);
        int alarms = 0;
        for (int run = 0; run < RUNS; run++) {
            int canaryErrors = binomial(random, 100, 0.02);
            int stableErrors = binomial(random, 900, 0.02);
            if (CompareTests.fisherCanaryWorse(canaryErrors, 100, stableErrors, 900) < ALPHA) alarms++;
        }
        assertThat(alarms / (double) RUNS).isLessThanOrEqualTo(ALPHA + SLACK);
        assertThat(CompareTests.fisherCanaryWorse(12, 100, 18, 900)).as("6x the stable error rate").isLessThan(ALPHA);
    }

    @Test
    void mannWhitneyRaisesFalseAlarmsAtMostAtAlpha() {
        SplittableRandom random = new SplittableRandom(2);
        int alarms = 0;
        for (int run = 0; run < RUNS; run++) {
            double[] canary = latencies(random, 20, 0);
            double[] stable = latencies(random, 180, 0);
            if (CompareTests.mannWhitneyCanarySlower(canary, stable) < ALPHA) alarms++;
        }
        assertThat(alarms / (double) RUNS).isLessThanOrEqualTo(ALPHA + SLACK);
        SplittableRandom shifted = new SplittableRandom(3);
        assertThat(CompareTests.mannWhitneyCanarySlower(latencies(shifted, 20, 20), latencies(shifted, 180, 0)))
                .as("a canary 20 ms slower than a ~10 ms stable").isLessThan(ALPHA);
    }

    /** Log-normal-ish service times around 10 ms, plus {@code shift}. */
    private static double[] latencies(SplittableRandom random, int n, double shift) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = shift + 10 * Math.exp(0.5 * gaussian(random));
        return out;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static int binomial(SplittableRandom r, int n, double p) {
        int k = 0;
        for (int i = 0; i < n; i++) if (r.nextDouble() < p) k++;
        return k;
    }
}
