package workbench.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The spans the sidecars reported, as a collector keeps them: the newest {@code capacity} spans, grouped by trace
 * on the way out. Small on purpose: a lesson looks at a handful of traces, not at history. A reporter may hand in a
 * span still to be built ({@link #add(Supplier)}): a run reports tens of thousands and reads a few, so the tags and
 * names are made when they are read, from what was recorded when the span ended.
 */
public final class SpanStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int capacity;
    private final Deque<Supplier<Span>> spans = new ArrayDeque<>();

    public SpanStore(int capacity) { this.capacity = capacity; }

    public void add(Span span) { add(() -> span); }

    /** A span whose fields {@code built} makes when it is read; it must give the same span each time. */
    public synchronized void add(Supplier<Span> built) {
        spans.addLast(built);
        while (spans.size() > capacity) spans.removeFirst();
    }

    public List<Span> spans() {
        List<Supplier<Span>> held;
        synchronized (this) { held = List.copyOf(spans); }
        return held.stream().map(Supplier::get).toList();
    }

    /** Every trace held, oldest first, each with its spans in the order they were reported. */
    public Map<String, List<Span>> traces() {
        Map<String, List<Span>> byTrace = new LinkedHashMap<>();
        for (Span s : spans()) byTrace.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
        return byTrace;
    }

    public List<Span> trace(String traceId) { return traces().getOrDefault(traceId, List.of()); }

    /** A list of spans as Zipkin's v2 JSON: what {@code POST /api/v2/spans} takes and {@code GET /api/v2/trace/{id}} gives. */
    public static String json(List<Span> spans) {
        try {
            return JSON.writeValueAsString(spans);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("spans do not serialise: " + e.getMessage(), e);
        }
    }

    public static List<Span> fromJson(String json) {
        try {
            return List.of(JSON.readValue(json, Span[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not Zipkin v2 span JSON: " + e.getOriginalMessage(), e);
        }
    }
}
