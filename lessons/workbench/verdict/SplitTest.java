package workbench.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;

/**
 * Is the observed mix of versions consistent with the expectation? It judges the pages that showed a version;
 * pages without one are an error count of their own, checked elsewhere.
 * <ul>
 *   <li>A version the configuration never sends to fails on its first page, whatever the expectation.</li>
 *   <li>{@link Kind#EXACT_TEST}: weights that leave two or more versions a share strictly between 0 and 1 are
 *       checked by exact two-sided binomial tests (Commons Math). With two versions the two tests are one test
 *       (k of n for one is n − k for the other), so it runs once at α. With k ≥ 3, each runs and the smallest
 *       p is multiplied by k (Bonferroni), so a correct mesh fails with probability at most α.</li>
 *   <li>{@link Kind#DETERMINISTIC}: one version expected to get everything; any other version fails the check.</li>
 *   <li>{@link Kind#PRESENCE}: destinations whose pods span versions (load-dependent balancing): only that no
 *       other version answers, and that each possible version answers at least once when, were the choice
 *       uniform, missing it would have probability below α.</li>
 * </ul>
 */
public final class SplitTest {
    /** A correct mesh fails a check at most once in a million runs. */
    public static final double DEFAULT_ALPHA = 1e-6;

    public enum Kind { EXACT_TEST, DETERMINISTIC, PRESENCE }

    private SplitTest() {}

    public static SplitVerdict test(ExpectedSplit expected, Map<String, Long> versionCounts, double alpha) {
        long n = versionCounts.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> categories = new TreeSet<>(expected.versions());
        categories.addAll(versionCounts.keySet());
        boolean exact = expected.exact();
        List<String> uncertain = exact
                ? categories.stream().filter(c -> expected.share(c) > 0 && expected.share(c) < 1).toList() : List.of();
        Kind kind = !exact ? Kind.PRESENCE : uncertain.size() >= 2 ? Kind.EXACT_TEST : Kind.DETERMINISTIC;
        int tests = uncertain.size() == 2 ? 1 : uncertain.size();

        List<SplitVerdict.Row> rows = new ArrayList<>();
        boolean stray = false;
        boolean missing = false;
        double minP = 1.0;
        for (String c : categories) {
            long k = versionCounts.getOrDefault(c, 0L);
            double observed = n == 0 ? 0 : (double) k / n;
            boolean possible = expected.versions().contains(c);
            if (!possible && k > 0) stray = true;
            double p = exact ? expected.share(c) : Double.NaN;
            double pValue = Double.NaN;
            if (kind == Kind.EXACT_TEST && uncertain.contains(c) && n > 0) {
                pValue = Math.min(1.0, new BinomialTest().binomialTest((int) n, (int) k, p, AlternativeHypothesis.TWO_SIDED));
                minP = Math.min(minP, pValue);
            }
            if (kind == Kind.PRESENCE && possible && k == 0 && missProbability(expected.uniformShare(c), n) < alpha) missing = true;
            rows.add(new SplitVerdict.Row(c, p, k, observed, pValue));
        }
        double reported = kind == Kind.EXACT_TEST && n > 0 ? Math.min(1.0, minP * tests) : Double.NaN; // no pages: no test ran
        boolean passed = n > 0 && !stray && !missing && (kind != Kind.EXACT_TEST || reported >= alpha);
        return new SplitVerdict(kind, rows, n, reported, tests, alpha, passed, expected.source());
    }

    /** The chance that a version with this per-page share shows on none of {@code n} pages. */
    static double missProbability(double share, long n) { return Math.pow(1 - share, n); }
}
