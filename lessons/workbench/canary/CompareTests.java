package workbench.canary;

import org.apache.commons.math3.distribution.HypergeometricDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The canary-against-stable tests, one-sided (only a worse canary fails): errors by Fisher's exact test, latency by
 * the Mann–Whitney U test (Apache Commons Math: its normal approximation, two-sided, halved in the canary-worse
 * direction).
 */
public final class CompareTests {
    private CompareTests() {}

    /**
     * P(canary errors ≥ observed) when errors fall on canary and stable requests alike: the hypergeometric upper tail
     * given all margins (Fisher's exact test, one-sided). 1 when there are no errors at all.
     */
    public static double fisherCanaryWorse(long canaryErrors, long canaryRequests, long stableErrors, long stableRequests) {
        long errors = canaryErrors + stableErrors;
        long total = canaryRequests + stableRequests;
        if (errors == 0 || canaryRequests == 0 || stableRequests == 0) return 1.0;
        HypergeometricDistribution h = new HypergeometricDistribution(null, Math.toIntExact(total), Math.toIntExact(errors),
                Math.toIntExact(canaryRequests));
        return h.upperCumulativeProbability(Math.toIntExact(canaryErrors));
    }

    /** P-value that the canary's latencies are stochastically larger than stable's; 1 when either side is empty. */
    public static double mannWhitneyCanarySlower(double[] canary, double[] stable) {
        if (canary.length == 0 || stable.length == 0) return 1.0;
        double twoSided = new MannWhitneyUTest().mannWhitneyUTest(canary, stable);
        double[] both = new double[canary.length + stable.length];
        System.arraycopy(canary, 0, both, 0, canary.length);
        System.arraycopy(stable, 0, both, canary.length, stable.length);
        double[] ranks = new NaturalRanking(NaNStrategy.FIXED, TiesStrategy.AVERAGE).rank(both);
        double canaryRankSum = 0;
        for (int i = 0; i < canary.length; i++) canaryRankSum += ranks[i];
        double u = canaryRankSum - canary.length * (canary.length + 1) / 2.0;
        boolean slower = u > canary.length * (double) stable.length / 2.0;
        return slower ? twoSided / 2 : 1 - twoSided / 2;
    }
}
