package workbench.verdict;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * How many requests a split check needs: the probability that a binomial test at level {@code alpha}
 * notices a version whose true share is {@code shift} away from the expected one.
 */
public final class Power {
    private Power() {}

    /** Probability of rejecting when the true share is p + shift (or p − shift, whichever is caught less often). */
    public static double detect(int n, double p, double shift, double alpha) {
        if (p <= 0 || p >= 1) return 1.0; // certainties fail on the first stray response
        BinomialDistribution expected = new BinomialDistribution(null, n, p);
        // acceptance region [lo, hi] of the two-sided test, from alpha/2 in each tail (conservative)
        int lo = expected.inverseCumulativeProbability(alpha / 2);
        int hi = expected.inverseCumulativeProbability(1 - alpha / 2);
        double worst = 1.0;
        for (double truth : new double[] {p - shift, p + shift}) {
            if (truth <= 0 || truth >= 1) continue;
            BinomialDistribution actual = new BinomialDistribution(null, n, truth);
            double accept = actual.cumulativeProbability(hi) - actual.cumulativeProbability(lo - 1);
            worst = Math.min(worst, 1 - accept);
        }
        return worst;
    }

    /** The smallest request count (to the next 100) at which every expected share's shift is caught with {@code power}. */
    public static int requestsNeeded(Iterable<Double> shares, double shift, double alpha, double power) {
        for (int n = 100; n <= 1_000_000; n += 100) {
            boolean enough = true;
            for (double p : shares) enough &= detect(n, p, shift, alpha) >= power;
            if (enough) return n;
        }
        return 1_000_000;
    }
}
