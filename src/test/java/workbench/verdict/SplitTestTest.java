package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.article.Language;

/**
 * The split check's decisions and the figures it reports. Rejection follows Commons Math's convention
 * (BinomialTest.binomialTest(n, k, p, alternative, alpha) is true iff the p-value is below alpha); the presence
 * claim is made only when missing a version had probability (1 − share)ⁿ below α.
 */
class SplitTestTest {
    private static final ExpectedSplit EIGHTY_TWENTY = ExpectedSplit.exactly(Map.of("v1", 0.8, "v3", 0.2), "test");
    private static final ExpectedSplit THIRDS = ExpectedSplit.exactly(Map.of("v1", 1 / 3.0, "v2", 1 / 3.0, "v3", 1 / 3.0), "test");
    private static final ExpectedSplit ALL_V1 = ExpectedSplit.exactly(Map.of("v1", 1.0), "test");
    /** reviews without a subset: one pod per version, balanced by load. */
    private static final ExpectedSplit ANY = new ExpectedSplit("test", List.of(
            new ExpectedSplit.Part("reviews", 1, Map.of("v1", 1, "v2", 1, "v3", 1), "")), "");

    @ParameterizedTest(name = "80/20 expected, observed v1={0} v3={1} v2={2} → passes={3}")
    @CsvSource({
        "1600, 400,  0, true",   // exactly the weights
        "1560, 440,  0, true",   // 2 points off: well within chance at n=2000
        "1400, 600,  0, false",  // 10 points off: caught
        "1800, 200,  0, false",  // 10 points off the other way: caught
        "1599, 400,  1, false",  // a version the configuration never sends to: caught on its first page
        "0,      0,  0, false",  // no pages at all prove nothing
    })
    void eightyTwenty(long v1, long v3, long v2, boolean passes) {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", v1, "v3", v3, "v2", v2), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.passed()).as(verdict.summary(Language.EN)).isEqualTo(passes);
    }

    /**
     * The acceptance region of one exact two-sided test at α = 1e-6 for 80/20 at n = 2000: its edges (315 and 489), found
     * with Commons Math's BinomialTest, pin the boundary to the request.
     */
    @ParameterizedTest(name = "v3={0} of 2000 → passes={1}")
    @CsvSource({"314, false", "315, true", "400, true", "489, true", "490, false"})
    void theAcceptanceRegionAtTwoThousandRequests(long v3, boolean passes) {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 2000 - v3, "v3", v3), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.passed()).as(verdict.summary(Language.EN)).isEqualTo(passes);
    }

    @Test
    void twoVersionsAreOneTestSoAlphaIsNotHalved() {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1560L, "v3", 440L), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.kind()).isEqualTo(SplitTest.Kind.EXACT_TEST);
        assertThat(verdict.tests()).isEqualTo(1);
        assertThat(verdict.adjusted()).isFalse();
        // both rows carry the same p: k of n for v3 is n − k for v1
        assertThat(verdict.rows().get(0).pValue()).isCloseTo(verdict.rows().get(1).pValue(), within(1e-12));
        assertThat(verdict.pValue()).isEqualTo(verdict.rows().get(0).pValue());
        assertThat(verdict.summary(Language.EN)).contains("; p = ").doesNotContain("adjusted");
    }

    @Test
    void threeVersionsAreBonferroniAdjustedAndLabelledSo() {
        SplitVerdict verdict = SplitTest.test(THIRDS, Map.of("v1", 700L, "v2", 650L, "v3", 650L), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.tests()).isEqualTo(3);
        assertThat(verdict.adjusted()).isTrue();
        double smallest = verdict.rows().stream().mapToDouble(SplitVerdict.Row::pValue).min().orElseThrow();
        assertThat(verdict.pValue()).isCloseTo(Math.min(1, smallest * 3), within(1e-12));
        assertThat(verdict.summary(Language.EN)).contains("adjusted p = ");
        assertThat(verdict.summary(Language.JA)).contains("補正後の p = ");
    }

    @Test
    void noPValueExceedsOne() {
        SplitVerdict verdict = SplitTest.test(THIRDS, Map.of("v1", 667L, "v2", 667L, "v3", 666L), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.pValue()).isLessThanOrEqualTo(1.0).isGreaterThan(0.99);
        assertThat(verdict.rows()).allSatisfy(r -> assertThat(r.pValue()).isLessThanOrEqualTo(1.0));
    }

    @ParameterizedTest(name = "all to v1, observed v1={0} v2={1} → passes={2}")
    @CsvSource({"2000, 0, true", "1999, 1, false", "1, 0, true", "0, 0, false"})
    void pinnedToOneVersionIsDeterministic(long v1, long v2, boolean passes) {
        SplitVerdict verdict = SplitTest.test(ALL_V1, Map.of("v1", v1, "v2", v2), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.kind()).isEqualTo(SplitTest.Kind.DETERMINISTIC);
        assertThat(verdict.passed()).isEqualTo(passes);
        assertThat(verdict.pValue()).isNaN();
        assertThat(verdict.summary(Language.EN)).doesNotContain("p =");
    }

    @ParameterizedTest(name = "no subset, observed v1={0} v2={1} v3={2} v4={3} → passes={4}")
    @CsvSource({
        "700, 600, 700, 0, true",   // every possible version answered
        "1000, 0, 1000, 0, false",  // v2 never answered in 2000 pages: under a uniform choice that has p = (2/3)^2000
        "10,   0,   10, 0, true",   // 20 pages: missing v2 has p = (2/3)^20 ≈ 3e-4 > 1e-6, no claim
        "700, 600, 699, 1, false",  // a version no destination selects
    })
    void destinationsThatSpanVersionsCheckPresenceOnly(long v1, long v2, long v3, long v4, boolean passes) {
        SplitVerdict verdict = SplitTest.test(ANY, Map.of("v1", v1, "v2", v2, "v3", v3, "v4", v4), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.kind()).isEqualTo(SplitTest.Kind.PRESENCE);
        assertThat(verdict.passed()).isEqualTo(passes);
        assertThat(verdict.rows()).allSatisfy(r -> assertThat(r.expectedShare()).isNaN());
    }

    @Test
    void thePresenceThresholdIsTheMissProbabilityUnderAUniformChoice() {
        // (2/3)^n < 1e-6 first holds at n = 35
        assertThat(SplitTest.missProbability(1 / 3.0, 34)).isGreaterThan(1e-6);
        assertThat(SplitTest.missProbability(1 / 3.0, 35)).isLessThan(1e-6);
        assertThat(SplitTest.test(ANY, Map.of("v1", 17L, "v3", 17L), 1e-6).passed()).isTrue();
        assertThat(SplitTest.test(ANY, Map.of("v1", 18L, "v3", 17L), 1e-6).passed()).isFalse();
    }

    @Test
    void reportsCountsAndShares() {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1600L, "v3", 400L), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.requests()).isEqualTo(2000);
        assertThat(verdict.rows()).extracting(SplitVerdict.Row::category).containsExactly("v1", "v3");
        assertThat(verdict.rows().get(0).observedShare()).isEqualTo(0.8);
        assertThat(verdict.rows().get(0).count()).isEqualTo(1600);
        assertThat(verdict.rows().get(1).expectedShare()).isEqualTo(0.2);
        assertThat(verdict.pValue()).isEqualTo(1.0);
        assertThat(verdict.summary(Language.JA)).contains("v1 1600 件 (80.0%、期待 80.0%)", "α = 1e-06: 矛盾なし");
        assertThat(verdict.summary(Language.EN)).contains("v1 1600 (80.0%, expected 80.0%)", "α = 1e-06: consistent");
    }

    /** The outcomes k = 0..n of the v3 count that the check accepts, for an 80/20 expectation. */
    private static List<Integer> accepted(int n, double alpha) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            if (SplitTest.test(EIGHTY_TWENTY, Map.of("v1", (long) n - k, "v3", (long) k), alpha).passed()) out.add(k);
        }
        return out;
    }

    private static double probabilityOutside(List<Integer> accepted, int n, double share) {
        BinomialDistribution truth = new BinomialDistribution(null, n, share);
        return 1 - accepted.stream().mapToDouble(truth::probability).sum();
    }

    /**
     * The false-fail rate of the lesson's own check, exactly: the probability, under the true 80/20 distribution,
     * of all the outcomes of 2000 pages that the test rejects. It must not exceed α = 1e-6. Computed outside Java
     * with 40-digit arithmetic (mpmath): P(v3 ≤ 314) + P(v3 ≥ 490) = 9.66528e-7.
     */
    @Test
    void aCorrectEightyTwentyMeshFailsAtMostOnceInAMillionRuns() {
        List<Integer> accepted = accepted(2000, SplitTest.DEFAULT_ALPHA);
        assertThat(accepted).first().isEqualTo(315);
        assertThat(accepted).last().isEqualTo(489);
        assertThat(accepted).hasSize(489 - 315 + 1);
        double falseFail = probabilityOutside(accepted, 2000, 0.2);
        assertThat(falseFail).isCloseTo(9.66528e-7, within(1e-11)).isLessThanOrEqualTo(SplitTest.DEFAULT_ALPHA);
    }

    /**
     * At α = 0.01 the false-fail rate can be watched: 2000 lessons of 2000 pages each, drawn page by page from
     * the true 80/20 split, fail about as often as the exact rate says, and never noticeably more than α.
     */
    @Test
    void atAlphaOnePercentSimulatedCorrectMeshesFailAsOftenAsTheExactRateSays() {
        double alpha = 0.01;
        double exact = probabilityOutside(accepted(2000, alpha), 2000, 0.2);
        assertThat(exact).isLessThanOrEqualTo(alpha).isGreaterThan(alpha / 2);

        SplittableRandom random = new SplittableRandom(20261130);
        Map<Long, Boolean> verdicts = new HashMap<>(); // the verdict depends on the counts only: judge each count once
        int runs = 2000;
        int failed = 0;
        for (int run = 0; run < runs; run++) {
            long v3 = 0;
            for (int page = 0; page < 2000; page++) if (random.nextDouble() < 0.2) v3++;
            boolean passed = verdicts.computeIfAbsent(v3, k -> SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 2000 - k, "v3", k), alpha).passed());
            if (!passed) failed++;
        }
        double sigma = Math.sqrt(exact * (1 - exact) / runs);
        assertThat((double) failed / runs).isCloseTo(exact, within(4 * sigma)).isLessThan(alpha + 4 * sigma);
    }

    /** With three versions each test runs at α and the smallest p is multiplied by 3: the overall false-fail rate stays ≤ α. */
    @Test
    void bonferroniKeepsAThreeWaySplitsFalseFailRateBelowAlpha() {
        int n = 60;
        double alpha = 0.01;
        double falseFail = 0;
        for (int k1 = 0; k1 <= n; k1++) {
            for (int k2 = 0; k1 + k2 <= n; k2++) {
                int k3 = n - k1 - k2;
                if (SplitTest.test(THIRDS, Map.of("v1", (long) k1, "v2", (long) k2, "v3", (long) k3), alpha).passed()) continue;
                // multinomial probability of (k1, k2, k3) under thirds
                falseFail += Math.exp(CombinatoricsUtils.factorialLog(n) - CombinatoricsUtils.factorialLog(k1)
                        - CombinatoricsUtils.factorialLog(k2) - CombinatoricsUtils.factorialLog(k3) - n * Math.log(3));
            }
        }
        assertThat(falseFail).isLessThanOrEqualTo(alpha).isGreaterThan(alpha / 10);
    }

    @Test
    void aPValueEqualToAlphaIsConsistent() {
        // reject iff p < α (Commons Math BinomialTest): choose α to be exactly the p-value of 1560/440
        double p = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1560L, "v3", 440L), SplitTest.DEFAULT_ALPHA).pValue();
        assertThat(SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1560L, "v3", 440L), p).passed()).isTrue();
        assertThat(SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1560L, "v3", 440L), Math.nextUp(p)).passed()).isFalse();
    }

    @Test
    void onlyVersionsWithAShareStrictlyBetweenZeroAndOneAreTested() {
        SplitVerdict stray = SplitTest.test(EIGHTY_TWENTY, Map.of("v1", 1599L, "v2", 1L, "v3", 400L), SplitTest.DEFAULT_ALPHA);
        assertThat(stray.tests()).isEqualTo(1);
        assertThat(stray.rows()).filteredOn(r -> r.category().equals("v2")).singleElement().satisfies(r -> {
            assertThat(r.expectedShare()).isZero();
            assertThat(r.pValue()).isNaN();
        });
        assertThat(stray.summary(Language.EN)).endsWith("; p = 0.955, α = 1e-06: inconsistent (fail)"); // v1: 1599 of 2000 at 0.8 (mpmath: 0.95542)

        SplitVerdict pinned = SplitTest.test(ALL_V1, Map.of("v1", 2000L), SplitTest.DEFAULT_ALPHA);
        assertThat(pinned.tests()).isZero();
        assertThat(pinned.adjusted()).isFalse();
    }

    @Test
    void noPagesRunNoTest() {
        SplitVerdict verdict = SplitTest.test(EIGHTY_TWENTY, Map.of(), SplitTest.DEFAULT_ALPHA);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.requests()).isZero();
        assertThat(verdict.pValue()).isNaN();
        assertThat(verdict.summary(workbench.article.Language.EN)).doesNotContain("p =");
        assertThat(verdict.rows()).allSatisfy(r -> {
            assertThat(r.count()).isZero();
            assertThat(r.observedShare()).isZero();
            assertThat(r.pValue()).isNaN();
        });
    }

    @Test
    void thePresenceClaimNeedsAMissProbabilityBelowAlphaNotEqualToIt() {
        // 35 pages without v2 under a uniform third: (2/3)^35; at exactly that α no claim is made
        double miss = Math.pow(1 - 1 / 3.0, 35);
        Map<String, Long> withoutV2 = Map.of("v1", 18L, "v3", 17L);
        assertThat(SplitTest.test(ANY, withoutV2, miss).passed()).isTrue();
        assertThat(SplitTest.test(ANY, withoutV2, Math.nextUp(miss)).passed()).isFalse();
    }

    @Test
    void deterministicAndPresenceSummariesStateTheCountsAndTheDecision() {
        assertThat(SplitTest.test(ALL_V1, Map.of("v1", 1999L, "v2", 1L), SplitTest.DEFAULT_ALPHA).summary(Language.EN))
                .isEqualTo("v1 1999 (100.0%, expected 100.0%), v2 1 (0.1%, expected 0.0%); inconsistent (fail)");
        assertThat(SplitTest.test(ALL_V1, Map.of("v1", 2000L), SplitTest.DEFAULT_ALPHA).summary(Language.JA))
                .isEqualTo("v1 2000 件 (100.0%、期待 100.0%); 矛盾なし");
        assertThat(SplitTest.test(ANY, Map.of("v1", 700L, "v2", 600L, "v3", 700L), SplitTest.DEFAULT_ALPHA).summary(Language.EN))
                .isEqualTo("v1 700 (35.0%), v2 600 (30.0%), v3 700 (35.0%); consistent");
    }
}
