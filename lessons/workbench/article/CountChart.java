package workbench.article;

import java.util.List;
import java.util.Locale;

/**
 * A small horizontal bar chart of counts as inline SVG, each bar labelled "ready/total": for instance the
 * ready containers of each pod, before and after a change. The bar's length is the count, its outline the total.
 */
public final class CountChart {
    private static final int WIDTH = 560;
    private static final int LABEL = 170;
    private static final int UNIT = 90;
    private static final int ROW = 30;

    /** One bar: a label, a count and the total it is out of. */
    public record Bar(String label, int count, int total) {}

    private CountChart() {}

    public static String svg(String caption, List<Bar> bars) {
        int height = ROW * bars.size() + 12;
        StringBuilder svg = new StringBuilder()
                .append(Svg.open("count-chart", WIDTH, height, caption))
                .append("<style>text{font:13px sans-serif;fill:#222}.count{fill:#4a7bd0}.total{fill:none;stroke:#888}</style>\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 6 + i * ROW;
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n", y + 16, escape(b.label())))
               .append(String.format(Locale.ROOT, "<rect class=\"count\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\"/>%n", LABEL, y + 2, UNIT * b.count()))
               .append(String.format(Locale.ROOT, "<rect class=\"total\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"20\"/>%n", LABEL, y + 2, UNIT * b.total()))
               .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%d/%d</text>%n", LABEL + UNIT * Math.max(b.count(), b.total()) + 6, y + 16, b.count(), b.total()));
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
