package workbench.verdict;

import java.util.List;

/** The outcome of a {@link SplitTest}: per-version counts against expectations, and the decision. */
public record SplitVerdict(List<Row> rows, long requests, double pValue, double alpha, boolean passed, String expectedFrom) {

    /** One version: the share the VirtualService asked for, what was counted, and its own p-value. */
    public record Row(String category, double expectedShare, long count, double observedShare, double pValue) {}

    /** "v1 1606 件 (80.3%、期待 80.0%)、v3 394 件 (19.7%、期待 20.0%); p = 1.00、α = 1e-06 で矛盾なし". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            if (!s.isEmpty()) s.append("、");
            s.append(r.category()).append(' ').append(r.count())
             .append(String.format(java.util.Locale.ROOT, " 件 (%.1f%%、期待 %.1f%%)", 100 * r.observedShare(), 100 * r.expectedShare()));
        }
        return s + String.format(java.util.Locale.ROOT, "; p = %.3g、α = %.0e で%s", pValue, alpha, passed ? "矛盾なし" : "矛盾あり(不合格)");
    }
}
