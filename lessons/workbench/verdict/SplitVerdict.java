package workbench.verdict;

import java.util.List;
import java.util.Locale;
import workbench.article.Language;

/**
 * The outcome of a {@link SplitTest}: per version, the share expected (NaN where none is claimed), the count and
 * the test's own p-value (NaN where no test ran); overall, the p-value the decision used — adjusted (Bonferroni,
 * multiplied by {@code tests}) when more than one test ran — and the decision.
 */
public record SplitVerdict(SplitTest.Kind kind, List<Row> rows, long requests, double pValue, int tests, double alpha,
                           boolean passed, String expectedFrom) {

    public record Row(String category, double expectedShare, long count, double observedShare, double pValue) {}

    public boolean adjusted() { return tests > 1; }

    /** "v1 1606 (80.3%, expected 80.0%), v3 394 (19.7%, expected 20.0%); p = 0.68, α = 1e-06: consistent". */
    public String summary(Language language) {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            if (!s.isEmpty()) s.append(language.pick("、", ", "));
            s.append(r.category()).append(' ').append(r.count()).append(language.pick(" 件 (", " (")).append(percent(r.observedShare()));
            if (!Double.isNaN(r.expectedShare())) s.append(language.pick("、期待 ", ", expected ")).append(percent(r.expectedShare()));
            s.append(')');
        }
        String decision = passed ? language.pick("矛盾なし", "consistent") : language.pick("矛盾あり(不合格)", "inconsistent (fail)");
        if (kind == SplitTest.Kind.EXACT_TEST && !Double.isNaN(pValue)) {
            String label = adjusted() ? language.pick("補正後の p", "adjusted p") : "p";
            return s + String.format(Locale.ROOT, "; %s = %.3g%sα = %.0e: %s", label, pValue, language.pick("、", ", "), alpha, decision);
        }
        return s + "; " + decision;
    }

    private static String percent(double share) { return String.format(Locale.ROOT, "%.1f%%", 100 * share); }
}
