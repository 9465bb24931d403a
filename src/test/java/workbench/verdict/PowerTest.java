package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PowerTest {

    @Test
    void twoThousandRequestsCatchATenPointShiftOfAnEightyTwentySplit() {
        assertThat(Power.detect(2000, 0.8, 0.10, 1e-6)).isGreaterThan(0.999999);
        assertThat(Power.detect(2000, 0.2, 0.10, 1e-6)).isGreaterThan(0.999999);
    }

    @Test
    void fiftyRequestsDoNot() {
        assertThat(Power.detect(50, 0.8, 0.10, 1e-6)).isLessThan(0.5);
    }

    @Test
    void aDeterministicCheckCatchesAStrayShareWithProbabilityOneMinusNinetyPercentToTheN() {
        assertThat(Power.detect(1, 1.0, 0.10, 1e-6)).isCloseTo(0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Power.detect(2, 0.0, 0.10, 1e-6)).isCloseTo(0.19, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(Power.deterministic(2000, 0.10)).isEqualTo(1.0 - Math.pow(0.9, 2000));
        // 1 − 0.9^65 = 0.99894 < 0.999 ≤ 1 − 0.9^66 = 0.99905
        assertThat(Power.deterministicRequestsNeeded(0.10, 0.999)).isEqualTo(66);
    }

    @Test
    void requestsNeededGrowsAsTheSplitGetsCloserToFiftyFifty() {
        int eightyTwenty = Power.requestsNeeded(List.of(0.8, 0.2), 0.10, 1e-6, 0.999);
        int fiftyFifty = Power.requestsNeeded(List.of(0.5, 0.5), 0.10, 1e-6, 0.999);
        assertThat(eightyTwenty).isBetween(300, 2000);
        assertThat(fiftyFifty).isGreaterThan(eightyTwenty);
        assertThat(Power.detect(eightyTwenty, 0.8, 0.10, 1e-6)).isGreaterThanOrEqualTo(0.999);
        assertThat(Power.detect(eightyTwenty - 100, 0.8, 0.10, 1e-6)).isLessThan(0.999);
    }
}
