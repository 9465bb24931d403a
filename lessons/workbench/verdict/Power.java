package workbench.verdict;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * How sensitive a split check is: the probability that it notices a version whose true share is {@code shift}
 * away from the expected one.
 */
public final class Power {
    private Power() {}

    /**
     * For a binomial test at level {@code alpha}: the probability of rejecting when the true share is p + shift
     * or p − shift, whichever is caught less often. The acceptance region is [lo, hi] with alpha/2 in each tail,
     * which Commons Math's two-sided test never accepts beyond (so this is a lower bound on its power).
     */
    public static double detect(int n, double p, double shift, double alpha) {
        if (p <= 0 || p >= 1) return deterministic(n, shift);
        BinomialDistribution expected = new BinomialDistribution(null, n, p);
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

    /**
     * A 0% / 100% check fails on the first stray page, so it misses a true stray share of {@code shift} only when
     * none of the n pages strays: it detects it with probability 1 − (1 − shift)ⁿ.
     */
    public static double deterministic(int n, double shift) { return 1 - Math.pow(1 - shift, n); }

    /** The smallest request count (to the next 100) at which every expected share's shift is caught with {@code power}. */
    public static int requestsNeeded(Iterable<Double> shares, double shift, double alpha, double power) {
        for (int n = 100; n <= 1_000_000; n += 100) {
            boolean enough = true;
            for (double p : shares) enough &= detect(n, p, shift, alpha) >= power;
            if (enough) return n;
        }
        return 1_000_000;
    }

    /** The smallest n at which a deterministic check catches a stray share of {@code shift} with {@code power}. */
    public static int deterministicRequestsNeeded(double shift, double power) {
        return (int) Math.ceil(Math.log(1 - power) / Math.log(1 - shift));
    }
}
