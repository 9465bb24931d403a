package workbench.article;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.telemetry.ServiceGraph;
import workbench.telemetry.ServiceGraph.Edge;
import workbench.telemetry.ServiceGraph.Node;

/**
 * A service graph as inline SVG (no script, no fonts to fetch), drawn as Kiali draws its graph: callers on the left,
 * callees to the right, one box per workload version (a dashed box for a service no workload answered for), one arrow
 * per edge labelled with requests, rate, success rate and P99, as thick as its share of the busiest edge's volume and
 * coloured by Kiali's health: green, orange from 0.1% errors, red from 20%.
 */
public final class ServiceGraphChart {
    private static final int MARGIN = 20;
    private static final int NODE_W = 150;
    private static final int NODE_H = 34;
    private static final int COLUMN = 380;
    private static final int ROW = 86;
    private static final int TOP = 40;

    private ServiceGraphChart() {}

    public static String svg(String caption, ServiceGraph graph) {
        Map<Node, Integer> column = columns(graph);
        Map<Integer, List<Node>> byColumn = new HashMap<>();
        for (Node n : graph.nodes()) byColumn.computeIfAbsent(column.get(n), k -> new ArrayList<>()).add(n);
        byColumn.values().forEach(l -> l.sort((a, b) -> a.name().compareTo(b.name())));
        int columns = byColumn.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        int rows = byColumn.values().stream().mapToInt(List::size).max().orElse(1);
        int width = MARGIN * 2 + (columns - 1) * COLUMN + NODE_W;
        int height = TOP + rows * ROW + MARGIN;
        Map<Node, int[]> at = new HashMap<>();
        byColumn.forEach((c, nodes) -> {
            int offset = (rows - nodes.size()) * ROW / 2;
            for (int i = 0; i < nodes.size(); i++) at.put(nodes.get(i), new int[] {MARGIN + c * COLUMN, TOP + offset + i * ROW});
        });
        long busiest = graph.edges().stream().mapToLong(Edge::requests).max().orElse(1);

        StringBuilder svg = new StringBuilder(Svg.open("service-graph", width, height, caption));
        svg.append("<style>text{font:12px sans-serif;fill:#222}.node{fill:#eef3fb;stroke:#4a7bd0;stroke-width:1.5}")
           .append(".svc{fill:#fff;stroke:#777;stroke-dasharray:4 3}.HEALTHY{stroke:#2e7d32;fill:#2e7d32}")
           .append(".DEGRADED{stroke:#ef6c00;fill:#ef6c00}.FAILURE{stroke:#c62828;fill:#c62828}.e{fill:none}.lbl{font-size:11px;paint-order:stroke;stroke:#fff;stroke-width:3px;fill:#222}</style>\n");
        svg.append("<defs>");
        for (ServiceGraph.Health h : ServiceGraph.Health.values()) {
            svg.append(String.format(Locale.ROOT, "<marker id=\"arrow-%s\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" "
                    + "markerWidth=\"12\" markerHeight=\"12\" orient=\"auto\"><path class=\"%s\" d=\"M0,0 L10,5 L0,10 z\"/></marker>", h, h));
        }
        svg.append("</defs>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", MARGIN, 20, Svg.escape(caption)));
        for (Edge e : graph.edges()) {
            int[] a = at.get(e.from());
            int[] b = at.get(e.to());
            int x1 = a[0] + NODE_W;
            int y1 = a[1] + NODE_H / 2;
            int x2 = b[0];
            int y2 = b[1] + NODE_H / 2;
            double thickness = 1.5 + 6.0 * e.requests() / busiest;
            svg.append(String.format(Locale.ROOT,
                    "<path class=\"e %s\" data-edge=\"%s→%s\" d=\"M%d,%d C%d,%d %d,%d %d,%d\" stroke-width=\"%.1f\" marker-end=\"url(#arrow-%s)\"/>%n",
                    e.health(), Svg.escape(e.from().name()), Svg.escape(e.to().name()), x1, y1, (x1 + x2) / 2, y1, (x1 + x2) / 2, y2,
                    x2, y2, thickness, e.health()));
            int lx = (x1 + x2) / 2;
            int ly = (y1 + y2) / 2 + 4;
            svg.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", lx, ly - 12,
                    Svg.escape(String.format(Locale.ROOT, "%d req · %.1f/s", e.requests(), e.ratePerSecond()))));
            svg.append(String.format(Locale.ROOT, "<text class=\"lbl\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", lx, ly,
                    Svg.escape(String.format(Locale.ROOT, "%s%% ok · P99 %s", percent(e.successPercent()), millis(e.p99Ms())))));
        }
        for (Node n : graph.nodes()) {
            int[] p = at.get(n);
            svg.append(String.format(Locale.ROOT, "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>",
                    n.service() ? "svc" : "node", p[0], p[1], NODE_W, NODE_H))
               .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    p[0] + NODE_W / 2, p[1] + 22, Svg.escape(n.label())));
        }
        return svg.append("</svg>").toString();
    }

    /** A node's column: the length of the longest path of calls that reaches it (callers without callers at 0). */
    private static Map<Node, Integer> columns(ServiceGraph graph) {
        Map<Node, Integer> column = new HashMap<>();
        graph.nodes().forEach(n -> column.put(n, 0));
        for (int pass = 0; pass < graph.nodes().size(); pass++) {
            boolean changed = false;
            for (Edge e : graph.edges()) {
                int want = column.get(e.from()) + 1;
                if (!e.from().equals(e.to()) && column.get(e.to()) < want && want < graph.nodes().size()) {
                    column.put(e.to(), want);
                    changed = true;
                }
            }
            if (!changed) break;
        }
        return column;
    }

    public static String percent(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : String.format(Locale.ROOT, "%.1f", p);
    }

    public static String millis(double ms) {
        return Double.isNaN(ms) ? "–" : ms >= 10 ? String.format(Locale.ROOT, "%.0f ms", ms) : String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
