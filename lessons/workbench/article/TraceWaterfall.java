package workbench.article;

import java.util.List;
import java.util.Locale;
import workbench.tracing.Span;
import workbench.tracing.TraceTree;

/**
 * One trace as a waterfall in inline SVG, as Jaeger's trace view draws it: a row per span in depth-first order,
 * indented by depth, labelled with the reporting service and the operation, and a bar from the span's start to its
 * end on a time axis that starts at the trace's first span. CLIENT and SERVER spans have their own colours, failed
 * spans (5xx, or no response) are red.
 */
public final class TraceWaterfall {
    private static final int LABEL = 330;
    private static final int PLOT = 520;
    private static final int ROW = 24;
    private static final int TOP = 46;

    private TraceWaterfall() {}

    public static String svg(String caption, TraceTree tree) {
        List<TraceTree.Row> rows = tree.rows();
        long start = rows.stream().mapToLong(r -> r.span().timestamp()).min().orElse(0);
        long end = rows.stream().mapToLong(r -> r.span().end()).max().orElse(start + 1);
        double span = Math.max(1, end - start);
        int width = LABEL + PLOT + 90;
        int height = TOP + rows.size() * ROW + 16;
        StringBuilder svg = new StringBuilder(Svg.open("trace-waterfall", width, height, caption));
        svg.append("<style>text{font:12px sans-serif;fill:#222}.CLIENT{fill:#4a7bd0}.SERVER{fill:#8e5ac8}.err{fill:#c62828}")
           .append(".axis{stroke:#bbb}.t{font-size:11px;fill:#555}</style>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-weight=\"bold\">%s</text>%n", Svg.escape(caption)));
        for (int i = 0; i <= 4; i++) {
            int x = LABEL + PLOT * i / 4;
            svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", x, TOP - 8, x, height - 10))
               .append(String.format(Locale.ROOT, "<text class=\"t\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP - 12,
                       ServiceGraphChart.millis(span * i / 4 / 1000.0)));
        }
        for (int i = 0; i < rows.size(); i++) {
            Span s = rows.get(i).span();
            int y = TOP + i * ROW;
            int x = LABEL + (int) Math.round(PLOT * (s.timestamp() - start) / span);
            int w = Math.max(2, (int) Math.round(PLOT * s.duration() / span));
            String code = s.tag("http.status_code");
            boolean failed = code == null || code.equals("0") || code.startsWith("5");
            String label = s.serviceName() + " " + s.kind().charAt(0) + s.kind().substring(1).toLowerCase(Locale.ROOT) + " "
                    + s.name().replace(".svc.cluster.local", "");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>", 10 + 14 * rows.get(i).depth(), y + 14, Svg.escape(label)))
               .append(String.format(Locale.ROOT, "<rect class=\"%s\" data-span=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" rx=\"2\"/>",
                       failed ? "err" : s.kind(), Svg.escape(s.id()), x, y + 2, w))
               .append(String.format(Locale.ROOT, "<text class=\"t\" x=\"%d\" y=\"%d\">%s%s</text>%n", x + w + 4, y + 14,
                       ServiceGraphChart.millis(s.duration() / 1000.0), code == null ? "" : " · " + Svg.escape(code)));
        }
        return svg.append("</svg>").toString();
    }
}
