package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The power the article states. Figures marked "exact" were computed outside Java with 40-digit binomial
 * arithmetic (mpmath) from the definition: acceptance region [lo, hi], lo the smallest k with P(X ≤ k) ≥ α/2 and
 * hi the smallest k with P(X ≤ k) ≥ 1 − α/2 under the expected share; power = P(X outside [lo, hi]) under the
 * shifted share, the weaker of the two shifts.
 */
class PowerTest {

    @ParameterizedTest(name = "n={0}, expected share {1}, shift 0.1, α=1e-6 → power {2}")
    @CsvSource({
        // the lesson's 80/20 canary at its default 2000 requests; the weaker side is v3 truly at 30%
        "2000, 0.2, 0.999999973923",
        "2000, 0.8, 0.999999973923",
        "1200, 0.8, 0.999206402994",
        "1100, 0.8, 0.997664002633",
        "500,  0.2, 0.631470231647",
        "300,  0.2, 0.205634026335",
        "300,  0.8, 0.205634026335",
        "200,  0.5, 0.0173073410514",
        // a shift to share 0 (or 1) is no alternative a page can show: only the other side counts
        "50,   0.1, 0.00251120333251",
        "50,   0.9, 0.00251120333251",
    })
    void powerToCatchATenPointShiftIsExact(int n, double share, double power) {
        assertThat(Power.detect(n, share, 0.10, 1e-6)).isCloseTo(power, within(1e-10));
    }

    @Test
    void fiftyRequestsCannotCatchATenPointShiftOfAnEightyTwentySplit() {
        assertThat(Power.detect(50, 0.8, 0.10, 1e-6)).isLessThan(0.5);
    }

    /**
     * The power shown is a lower bound on the real one: {@link SplitTest} rejects on Commons Math's two-sided
     * p-value, whose acceptance region never reaches beyond [lo, hi] (at n = 2000 it is [315, 489] against
     * Power's [315, 490]). The real power is summed over every outcome the test rejects.
     */
    @ParameterizedTest(name = "n={0}, v3 truly at {1}")
    @CsvSource({"500, 0.3", "500, 0.1", "300, 0.3", "300, 0.1"})
    void theStatedPowerNeverExceedsTheSplitTestsRealPower(int n, double trueV3) {
        ExpectedSplit eightyTwenty = ExpectedSplit.exactly(Map.of("v1", 0.8, "v3", 0.2), "test");
        BinomialDistribution truth = new BinomialDistribution(null, n, trueV3);
        double rejected = 0;
        for (int k = 0; k <= n; k++) {
            if (!SplitTest.test(eightyTwenty, Map.of("v1", (long) n - k, "v3", (long) k), 1e-6).passed()) rejected += truth.probability(k);
        }
        assertThat(Power.detect(n, 0.2, Math.abs(trueV3 - 0.2), 1e-6)).isLessThanOrEqualTo(rejected + 1e-12);
    }

    @ParameterizedTest(name = "1 − 0.9^{0} = {1}")
    @CsvSource({"1, 0.1", "2, 0.19", "10, 0.6513215599", "65, 0.9989388834", "66, 0.9990449950"})
    void aDeterministicCheckCatchesATenPercentStrayShareWithProbabilityOneMinusNinetyPercentToTheN(int n, double caught) {
        assertThat(Power.deterministic(n, 0.10)).isCloseTo(caught, within(1e-9));
        // expected shares of 100% and 0% are deterministic checks, whatever α is
        assertThat(Power.detect(n, 1.0, 0.10, 1e-6)).isEqualTo(1 - Math.pow(0.9, n));
        assertThat(Power.detect(n, 0.0, 0.10, 0.5)).isEqualTo(1 - Math.pow(0.9, n));
    }

    @Test
    void sixtySixRequestsCatchATenPercentStrayShareWithProbabilityPointNineNineNine() {
        // 1 − 0.9^65 = 0.99894 < 0.999 ≤ 1 − 0.9^66 = 0.99904
        assertThat(Power.deterministicRequestsNeeded(0.10, 0.999)).isEqualTo(66);
        assertThat(Power.deterministicRequestsNeeded(0.10, 0.99)).isEqualTo(44); // 0.9^43 = 0.0108, 0.9^44 = 0.0097
    }

    @Test
    void eightyTwentyNeedsTwelveHundredRequestsForPowerPointNineNineNine() {
        // exact: 0.99766 at 1100, 0.99921 at 1200 (both shares are equally hard: 0.8 ± 0.1 mirrors 0.2 ∓ 0.1)
        assertThat(Power.requestsNeeded(List.of(0.8, 0.2), 0.10, 1e-6, 0.999)).isEqualTo(1200);
        assertThat(Power.requestsNeeded(List.of(0.5, 0.5), 0.10, 1e-6, 0.999)).isGreaterThan(1200);
    }

    @Test
    void requestsNeededIsTheFirstHundredThatReachesThePowerExactly() {
        // a 100% share is deterministic: 1 − 0.9^200 reached at 200, not one step later
        assertThat(Power.requestsNeeded(List.of(1.0), 0.10, 1e-6, 1 - Math.pow(0.9, 200))).isEqualTo(200);
        assertThat(Power.requestsNeeded(List.of(1.0), 0.10, 1e-6, Math.nextUp(1 - Math.pow(0.9, 200)))).isEqualTo(300);
    }

    @Test
    void requestsNeededStopsAtAMillion() {
        // a stray share of one in ten million: 1 − (1 − 1e-7)^1e6 ≈ 0.095 even at a million requests
        assertThat(Power.requestsNeeded(List.of(1.0), 1e-7, 1e-6, 0.999)).isEqualTo(1_000_000);
    }
}
