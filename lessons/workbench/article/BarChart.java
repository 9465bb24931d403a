package workbench.article;

import java.util.List;
import java.util.Locale;

/**
 * A small horizontal bar chart as inline SVG: observed share per version over a track that stands for 100%, with the
 * expected share marked.
 */
public final class BarChart {
    private static final int WIDTH = 560;
    private static final int LABEL = 110;
    private static final int BAR_SPACE = 330;
    private static final int ROW = 34;

    /** One bar: a label, the observed fraction (0..1) and the expected fraction, or a negative value for none. */
    public record Bar(String label, double observed, double expected) {}

    private BarChart() {}

    public static String svg(String caption, List<Bar> bars, Language language) {
        int height = ROW * bars.size() + 40;
        StringBuilder svg = new StringBuilder()
                .append(Svg.open("split-chart", WIDTH, height, caption))
                .append("<style>text{font:13px sans-serif;fill:#222}.obs{fill:#4a7bd0}.track{fill:#eef1f6}.exp{stroke:#c0392b;stroke-width:2;stroke-dasharray:4 2}</style>\n");
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 10 + i * ROW;
            int w = (int) Math.round(BAR_SPACE * Math.max(0, Math.min(1, b.observed())));
            svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>%n", y + 17, Html.escape(b.label())))
               .append(String.format(Locale.ROOT, "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\"/>%n", LABEL, y + 2, BAR_SPACE))
               .append(String.format(Locale.ROOT, "<rect class=\"obs bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"22\"/>%n", LABEL, y + 2, w))
               .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.1f%%</text>%n", LABEL + w + 6, y + 17, 100 * b.observed()));
            if (b.expected() >= 0) {
                int x = LABEL + (int) Math.round(BAR_SPACE * b.expected());
                svg.append(String.format(Locale.ROOT, "<line class=\"exp\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>%n", x, y, x, y + 26));
            }
        }
        int legendY = height - 8;
        svg.append(String.format(Locale.ROOT, "<rect class=\"obs legend\" x=\"%d\" y=\"%d\" width=\"12\" height=\"10\"/>", LABEL, legendY - 10))
           .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", LABEL + 16, legendY, language.pick("観測", "observed")))
           .append(String.format(Locale.ROOT, "<line class=\"exp\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", LABEL + 70, legendY - 10, LABEL + 70, legendY))
           .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LABEL + 76, legendY,
                   language.pick("期待値 (VirtualService の weight)", "expected (the VirtualService's weights)")))
           .append("</svg>");
        return svg.toString();
    }
}
