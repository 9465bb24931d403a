package workbench.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instant queries against a Prometheus HTTP API ({@code GET <base>/api/v1/query?query=Q}; prometheus.io, "HTTP API":
 * {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{...},"value":[t,"v"]}]}}}): the
 * embedded mesh's own subset, or the Prometheus addon on a cluster through a port-forward. Each series comes back as
 * a {@link Sample} named by its {@code __name__}.
 */
public final class MetricsQuery {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String base;

    public MetricsQuery(String base) { this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base; }

    public List<Sample> query(String promql) {
        String url = base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return vector(promql, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus query " + promql + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a Prometheus query", e);
        }
    }

    static List<Sample> vector(String promql, String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (!"success".equals(root.path("status").asText())) {
            throw new IllegalStateException("Prometheus refused " + promql + ": " + root.path("error").asText(body));
        }
        if (!"vector".equals(root.path("data").path("resultType").asText())) {
            throw new IllegalStateException("Prometheus answered " + promql + " with a " + root.path("data").path("resultType").asText() + ", not a vector");
        }
        List<Sample> out = new ArrayList<>();
        for (JsonNode series : root.path("data").path("result")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
            String name = labels.remove("__name__");
            out.add(new Sample(name == null ? "" : name, labels, Double.parseDouble(series.path("value").path(1).asText())));
        }
        return out;
    }
}
