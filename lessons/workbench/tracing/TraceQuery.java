package workbench.tracing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Reads traces from a Jaeger query API ({@code GET <base>/api/traces?service=S&limit=N}, newest first): the
 * embedded mesh's own, or the Jaeger addon on a cluster reached through a port-forward. One client for both.
 */
public final class TraceQuery {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public TraceQuery(String base) { this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base; }

    /**
     * The newest {@code limit} traces that have a span reported by {@code service} ({@code <app>.<namespace>}) carrying
     * every tag of {@code tags} (Jaeger's {@code tags} parameter, a JSON object).
     */
    public List<List<Span>> traces(String service, java.util.Map<String, String> tags, int limit) {
        String url = base + "/api/traces?service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + "&limit=" + limit
                + (tags.isEmpty() ? "" : "&tags=" + URLEncoder.encode(tagsJson(tags), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("GET " + url + " answered " + r.statusCode() + ": " + r.body());
            return JaegerJson.read(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading traces", e);
        }
    }

    public static String tagsJson(java.util.Map<String, String> tags) {
        com.fasterxml.jackson.databind.node.ObjectNode o = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        tags.forEach(o::put);
        return o.toString();
    }
}
