package workbench.backend.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import workbench.telemetry.PrometheusText;
import workbench.telemetry.Sample;
import workbench.telemetry.Scrape;
import workbench.tracing.JaegerJson;
import workbench.tracing.Span;
import workbench.tracing.SpanStore;

/**
 * The small part of the Prometheus and Jaeger query APIs the lessons use, served on a loopback port so the same
 * clients read the embedded mesh and a cluster's addons:
 * <ul>
 * <li>{@code GET /api/v1/query?query=SELECTOR}: an instant vector selector with equality matchers only
 *     ({@code name} or {@code name{label="value",...}}), answered from a scrape of every sidecar taken now, each
 *     series labelled with its {@code pod}, as Prometheus' pod target adds. Anything else is refused as
 *     Prometheus refuses a bad query: 400, {@code errorType: bad_data}.</li>
 * <li>{@code GET /api/traces?service=S&limit=N}: the newest N traces with a span reported by S.</li>
 * </ul>
 */
final class AddonApis implements AutoCloseable {
    static final String QUERY_PATH = "/api/v1/query";
    static final String QUERY_SUBSET = "instant vector selectors with = matchers, every sidecar scraped at query time";
    /** Istio's jaeger.yaml serves Jaeger's query API under this prefix (QUERY_BASE_PATH); the mesh serves it there too. */
    static final String JAEGER_BASE_PATH = "/jaeger";
    static final String TRACES_PATH = JAEGER_BASE_PATH + "/api/traces";
    static final String TRACES_SUBSET = "service, tags and limit; spans as the sidecars reported them";
    private final HttpServer server;

    AddonApis(Supplier<Map<String, String>> expositionByPod, SpanStore spans) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext(QUERY_PATH, exchange -> {
            try (exchange) {
                String query = params(exchange).getOrDefault("query", "");
                List<Sample> result;
                try {
                    result = select(query, Scrape.of(expositionByPod.get()).samples());
                } catch (IllegalArgumentException e) {
                    send(exchange, 400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":" + quote(e.getMessage()) + "}");
                    return;
                }
                send(exchange, 200, vector(result));
            }
        });
        server.createContext(TRACES_PATH, exchange -> {
            try (exchange) {
                Map<String, String> p = params(exchange);
                String service = p.getOrDefault("service", "");
                int limit = Integer.parseInt(p.getOrDefault("limit", "20"));
                Map<String, String> tags;
                try {
                    tags = tags(p.getOrDefault("tags", "{}"));
                } catch (IOException e) {
                    send(exchange, 400, "{\"data\":null,\"errors\":[{\"code\":400,\"msg\":\"malformed 'tags' parameter\"}]}");
                    return;
                }
                // Jaeger matches a trace when one span of the service carries every tag asked for
                List<List<Span>> traces = new ArrayList<>(spans.traces().values().stream()
                        .filter(t -> t.stream().anyMatch(s -> s.serviceName().equals(service)
                                && tags.entrySet().stream().allMatch(m -> m.getValue().equals(s.tag(m.getKey()))))).toList());
                traces.sort(Comparator.comparingLong((List<Span> t) -> t.stream().mapToLong(Span::timestamp).min().orElse(0)).reversed());
                send(exchange, 200, JaegerJson.traces(traces.subList(0, Math.min(limit, traces.size()))));
            }
        });
        server.start();
    }

    private static Map<String, String> tags(String json) throws IOException {
        Map<String, String> out = new HashMap<>();
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).fields()
                .forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    /** The samples an equality-only selector picks; a selector reads like a sample line without its value. */
    static List<Sample> select(String selector, List<Sample> samples) {
        String s = selector.strip();
        if (s.isEmpty() || s.contains("=~") || s.contains("!=") || s.contains("!~") || s.contains("(") || s.contains("[")) {
            throw new IllegalArgumentException("the embedded mesh answers only instant vector selectors with = matchers, not: " + selector);
        }
        List<Sample> parsed = PrometheusText.parse(s + " 0");
        if (parsed.size() != 1) throw new IllegalArgumentException("one selector expected: " + selector);
        Sample want = parsed.get(0);
        List<Sample> out = new ArrayList<>();
        for (Sample x : samples) {
            if (!x.name().equals(want.name())) continue;
            boolean all = want.labels().entrySet().stream().allMatch(m -> m.getValue().equals(x.labels().getOrDefault(m.getKey(), "")));
            if (all) out.add(x);
        }
        return out;
    }

    private static String vector(List<Sample> samples) {
        double now = System.currentTimeMillis() / 1000.0;
        StringBuilder json = new StringBuilder("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[");
        for (int i = 0; i < samples.size(); i++) {
            Sample x = samples.get(i);
            if (i > 0) json.append(',');
            json.append("{\"metric\":{\"__name__\":").append(quote(x.name()));
            x.labels().forEach((k, v) -> json.append(',').append(quote(k)).append(':').append(quote(v)));
            json.append("},\"value\":[").append(now).append(',').append(quote(number(x.value()))).append("]}");
        }
        return json.append("]}}").toString();
    }

    private static String number(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    private static String quote(String s) {
        return new com.fasterxml.jackson.databind.node.TextNode(s).toString();
    }

    private static Map<String, String> params(HttpExchange exchange) {
        Map<String, String> out = new HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) { out.write(bytes); }
    }

    @Override
    public void close() { server.stop(0); }
}
