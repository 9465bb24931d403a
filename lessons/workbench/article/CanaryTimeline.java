package workbench.article;

import java.util.List;
import java.util.Locale;

/**
 * The canary's weight over a run as inline SVG (no script, no fonts to fetch): one column per analysis interval,
 * the weight it ran at as a stepped line, each gate's outcome as a ✓ or ✗ box under it, and the final weight after
 * promotion or rollback.
 */
public final class CanaryTimeline {
    private static final int LEFT = 150;
    private static final int COLUMN = 90;
    private static final int TOP = 20;
    private static final int PLOT = 160;
    private static final int MARK_ROW = 20;

    /** One interval: its label, the canary weight it ran at, the gates' outcomes in order, and the decision's label. */
    public record Interval(String label, int weight, List<Boolean> gates, String decision) {}

    private CanaryTimeline() {}

    /** {@code gateNames} label the rows of marks; {@code finalLabel}/{@code finalWeight} is the route left in force. */
    public static String svg(String caption, List<String> gateNames, List<Interval> intervals, String finalLabel, int finalWeight) {
        int columns = intervals.size() + 1;
        int width = LEFT + COLUMN * columns + 20;
        int marksTop = TOP + PLOT + 44;
        int height = marksTop + MARK_ROW * gateNames.size() + 10;
        StringBuilder svg = new StringBuilder(Svg.open("canary-timeline", width, height, caption));
        svg.append("<style>text{font:12px sans-serif;fill:#222}.grid{stroke:#ddd}.w{fill:none;stroke:#4a7bd0;stroke-width:3}"
                + ".pass{fill:#2e8b57}.fail{fill:#c0392b}.mk{fill:#fff;font-weight:bold}.end{fill:#4a7bd0}</style>\n");
        for (int pct : new int[] {0, 25, 50, 75, 100}) {
            int y = y(pct);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LEFT, y, width - 20, y))
               .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d%%</text>%n", LEFT - 6, y + 4, pct));
        }
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < columns; i++) {
            int weight = i < intervals.size() ? intervals.get(i).weight() : finalWeight;
            int x0 = LEFT + i * COLUMN;
            path.append(i == 0 ? "M" : " L").append(x0).append(',').append(y(weight)).append(" L").append(x0 + COLUMN - 10).append(',').append(y(weight));
            String label = i < intervals.size() ? intervals.get(i).label() : finalLabel;
            String sub = i < intervals.size() ? intervals.get(i).decision() : "";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", x0 + 4, TOP + PLOT + 18, escape(label)))
               .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", x0 + 4, TOP + PLOT + 34, escape(sub)))
               .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d%%</text>%n", x0 + 4, y(weight) - 6, weight));
        }
        svg.append("<path class=\"w\" d=\"").append(path).append("\"/>\n");
        for (int g = 0; g < gateNames.size(); g++) {
            int y = marksTop + g * MARK_ROW;
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 13, escape(gateNames.get(g))));
            for (int i = 0; i < intervals.size(); i++) {
                boolean passed = intervals.get(i).gates().get(g);
                int x = LEFT + i * COLUMN + 4;
                svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"16\" height=\"16\"/>", passed ? "pass" : "fail", x, y))
                   .append(String.format(Locale.ROOT, "<text class=\"mk\" x=\"%d\" y=\"%d\">%s</text>%n", x + 3, y + 13, passed ? "✓" : "✗"));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static int y(int weight) { return TOP + PLOT - PLOT * weight / 100; }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
