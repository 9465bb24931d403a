package workbench.tracing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One trace's spans arranged by {@code parentId}: roots, children in start order, and the depth-first order a
 * waterfall draws them in. Also says which spans break the tree's rules (a parent that is not in the trace; a
 * child that starts before or ends after its parent).
 */
public final class TraceTree {
    private final List<Span> spans;
    private final Map<String, Span> byId = new HashMap<>();
    private final Map<String, List<Span>> children = new HashMap<>();

    public TraceTree(List<Span> spans) {
        this.spans = List.copyOf(spans);
        for (Span s : spans) byId.put(s.id(), s);
        for (Span s : spans) {
            if (s.parentId() != null) children.computeIfAbsent(s.parentId(), k -> new ArrayList<>()).add(s);
        }
        children.values().forEach(l -> l.sort(Comparator.comparingLong(Span::timestamp)));
    }

    public List<Span> roots() {
        return spans.stream().filter(s -> s.parentId() == null).sorted(Comparator.comparingLong(Span::timestamp)).toList();
    }

    public List<Span> children(Span parent) { return children.getOrDefault(parent.id(), List.of()); }

    public Span parent(Span child) { return child.parentId() == null ? null : byId.get(child.parentId()); }

    /** Spans whose parentId names no span of this trace. */
    public List<Span> orphans() {
        return spans.stream().filter(s -> s.parentId() != null && !byId.containsKey(s.parentId())).toList();
    }

    /** Children that do not lie within their parent's time. */
    public List<Span> outsideParent() {
        List<Span> out = new ArrayList<>();
        for (Span s : spans) {
            Span p = parent(s);
            if (p != null && (s.timestamp() < p.timestamp() || s.end() > p.end())) out.add(s);
        }
        return out;
    }

    /** A depth-first walk from each root: the rows of a waterfall, each with its depth. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (Span root : roots()) walk(root, 0, rows);
        return rows;
    }

    public record Row(Span span, int depth) {}

    private void walk(Span span, int depth, List<Row> rows) {
        rows.add(new Row(span, depth));
        for (Span child : children(span)) walk(child, depth + 1, rows);
    }

    public List<Span> spans() { return spans; }
}
