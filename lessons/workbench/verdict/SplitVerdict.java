package workbench.verdict;

import java.util.List;

/** The outcome of a {@link SplitTest}: per-version counts against expectations, and the decision. */
public record SplitVerdict(List<Row> rows, long requests, double pValue, double alpha, boolean passed, String expectedFrom) {

    /** One version: the share the VirtualService asked for, what was counted, and its own p-value. */
    public record Row(String category, double expectedShare, long count, double observedShare, double pValue) {}

    public String summary() {
        StringBuilder s = new StringBuilder();
        for (Row r : rows) {
            if (!s.isEmpty()) s.append(", ");
            s.append(r.category()).append(' ').append(r.count())
             .append(String.format(" (%.1f%%, expected %.1f%%)", 100 * r.observedShare(), 100 * r.expectedShare()));
        }
        return s + String.format("; p = %.3g, %s at alpha = %.0e", pValue, passed ? "consistent" : "NOT consistent", alpha);
    }
}
