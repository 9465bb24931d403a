package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitTestTest {
    private static final ExpectedSplit EIGHTY_TWENTY = new ExpectedSplit(Map.of("v1", 0.8, "v3", 0.2), "test");
    private static final ExpectedSplit ALL_V1 = new ExpectedSplit(Map.of("v1", 1.0), "test");

    @ParameterizedTest(name = "80/20 expected, observed v1={0} v3={1} v2={2} → passes={3}")
    @CsvSource({
        "1600, 400,  0, true",   // exactly the weights
        "1560, 440,  0, true",   // 2 points off: well within chance at n=2000
        "1400, 600,  0, false",  // 10 points off: caught
        "1800, 200,  0, false",  // 10 points off the other way: caught
        "1599, 400,  1, false",  // a version the VirtualService never names: caught on its first response
        "0,      0,  0, false",  // no responses at all prove nothing
    })
    void eightyTwenty(long v1, long v3, long v2, boolean passes) {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", v1, "v3", v3, "v2", v2), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.passed()).as(verdict.summary()).isEqualTo(passes);
    }

    @ParameterizedTest(name = "all to v1, observed v1={0} other={1} → passes={2}")
    @CsvSource({"2000, 0, true", "1999, 1, false"})
    void pinnedToOneVersionToleratesNothingElse(long v1, long unavailable, boolean passes) {
        SplitVerdict verdict = SplitTest.test(ALL_V1, Map.of("v1", v1, "unavailable", unavailable), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.passed()).isEqualTo(passes);
    }

    @org.junit.jupiter.api.Test
    void reportsCountsSharesAndTheBonferroniAdjustedPValue() {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1600L, "v3", 400L), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.requests()).isEqualTo(2000);
        assertThat(verdict.rows()).extracting(SplitVerdict.Row::category).containsExactly("v1", "v3");
        assertThat(verdict.rows().get(0).observedShare()).isEqualTo(0.8);
        assertThat(verdict.pValue()).isEqualTo(1.0);
        assertThat(verdict.summary()).contains("v1 1600 件 (80.0%、期待 80.0%)", "α = 1e-06 で矛盾なし");
    }
}
