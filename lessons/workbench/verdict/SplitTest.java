package workbench.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.inference.AlternativeHypothesis;
import org.apache.commons.math3.stat.inference.BinomialTest;

/**
 * Is an observed split consistent with the expected one? One exact two-sided binomial test per version
 * (Commons Math), Bonferroni-corrected so the whole check wrongly fails a correct mesh with probability
 * at most {@code alpha}. A version expected to get nothing fails on its first response, and a version
 * expected to get everything fails on the first response elsewhere: no test is needed for certainties.
 */
public final class SplitTest {
    /** A correct mesh fails a check at most once in a million runs. */
    public static final double DEFAULT_ALPHA = 1e-6;
    public static final String NAME = "バージョンごとの正確二項検定(両側、Bonferroni 補正)";

    private SplitTest() {}

    public static SplitVerdict test(ExpectedSplit expected, Map<String, Long> observed, double alpha) {
        long n = observed.values().stream().mapToLong(Long::longValue).sum();
        TreeSet<String> categories = new TreeSet<>(expected.shares().keySet());
        categories.addAll(observed.keySet());
        long tested = categories.stream().filter(c -> uncertain(expected.share(c))).count();
        List<SplitVerdict.Row> rows = new ArrayList<>();
        double minP = 1.0;
        for (String c : categories) {
            double p = expected.share(c);
            long k = observed.getOrDefault(c, 0L);
            double pValue;
            if (n == 0) pValue = 0;
            else if (p <= 0) pValue = k == 0 ? 1 : 0;
            else if (p >= 1) pValue = k == n ? 1 : 0;
            else pValue = new BinomialTest().binomialTest((int) n, (int) k, p, AlternativeHypothesis.TWO_SIDED);
            minP = Math.min(minP, pValue);
            rows.add(new SplitVerdict.Row(c, p, k, n == 0 ? 0 : (double) k / n, pValue));
        }
        double adjusted = Math.min(1.0, minP * Math.max(1, tested));
        return new SplitVerdict(rows, n, adjusted, alpha, adjusted >= alpha && n > 0, expected.source());
    }

    private static boolean uncertain(double p) { return p > 0 && p < 1; }
}
