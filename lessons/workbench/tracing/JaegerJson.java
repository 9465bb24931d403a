package workbench.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jaeger query's HTTP answer for {@code GET /api/traces} and {@code /api/traces/{id}} (jaeger-query's internal
 * JSON model, ui/model): {@code {"data":[trace...]}}, a trace being {@code traceID}, {@code spans} (each with
 * {@code spanID}, {@code operationName}, {@code references} of type {@code CHILD_OF}, {@code startTime} and
 * {@code duration} in microseconds, {@code tags} as key/type/value, a {@code processID}) and {@code processes}
 * (the {@code serviceName} behind each process id). Jaeger keeps Zipkin's ids and kinds ({@code span.kind} tag),
 * so a Zipkin span survives the trip both ways.
 */
public final class JaegerJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JaegerJson() {}

    public static String traces(List<List<Span>> traces) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode data = root.putArray("data");
        for (List<Span> trace : traces) data.add(trace(trace));
        root.put("total", 0).put("limit", 0).put("offset", 0).putNull("errors");
        return root.toString();
    }

    private static ObjectNode trace(List<Span> spans) {
        ObjectNode trace = JSON.createObjectNode();
        trace.put("traceID", spans.isEmpty() ? "" : spans.get(0).traceId());
        ArrayNode out = trace.putArray("spans");
        Map<String, String> processIds = new LinkedHashMap<>();
        for (Span s : spans) {
            String pid = processIds.computeIfAbsent(s.serviceName(), k -> "p" + (processIds.size() + 1));
            ObjectNode span = out.addObject();
            span.put("traceID", s.traceId()).put("spanID", s.id()).put("operationName", s.name());
            ArrayNode refs = span.putArray("references");
            if (s.parentId() != null) refs.addObject().put("refType", "CHILD_OF").put("traceID", s.traceId()).put("spanID", s.parentId());
            span.put("startTime", s.timestamp()).put("duration", s.duration());
            ArrayNode tags = span.putArray("tags");
            tags.addObject().put("key", "span.kind").put("type", "string").put("value", s.kind().toLowerCase(java.util.Locale.ROOT));
            if (s.tags() != null) s.tags().forEach((k, v) -> tags.addObject().put("key", k).put("type", "string").put("value", v));
            span.put("processID", pid);
        }
        ObjectNode processes = trace.putObject("processes");
        processIds.forEach((service, pid) -> processes.putObject(pid).put("serviceName", service).putArray("tags"));
        return trace;
    }

    /** The traces of a {@code /api/traces} answer, each as Zipkin spans. */
    public static List<List<Span>> read(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a Jaeger query answer: " + e.getMessage(), e);
        }
        if (!root.path("data").isArray()) throw new IllegalArgumentException("not a Jaeger query answer: no \"data\" array");
        List<List<Span>> traces = new ArrayList<>();
        for (JsonNode trace : root.path("data")) {
            Map<String, String> services = new LinkedHashMap<>();
            trace.path("processes").fields().forEachRemaining(p -> services.put(p.getKey(), p.getValue().path("serviceName").asText()));
            List<Span> spans = new ArrayList<>();
            for (JsonNode s : trace.path("spans")) {
                String parent = null;
                for (JsonNode ref : s.path("references")) if (ref.path("refType").asText().equals("CHILD_OF")) parent = ref.path("spanID").asText();
                Map<String, String> tags = new LinkedHashMap<>();
                String kind = "";
                for (JsonNode t : s.path("tags")) {
                    if (t.path("key").asText().equals("span.kind")) kind = t.path("value").asText().toUpperCase(java.util.Locale.ROOT);
                    else tags.put(t.path("key").asText(), t.path("value").asText());
                }
                spans.add(new Span(s.path("traceID").asText(), s.path("spanID").asText(), parent, s.path("operationName").asText(), kind,
                        s.path("startTime").asLong(), s.path("duration").asLong(),
                        new Span.Endpoint(services.getOrDefault(s.path("processID").asText(), "")), tags));
            }
            traces.add(spans);
        }
        return traces;
    }
}
