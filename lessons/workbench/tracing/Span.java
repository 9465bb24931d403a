package workbench.tracing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One span in Zipkin's JSON v2 model (zipkin.io, zipkin2-api.yaml, "Span"), the format Istio's Envoy reports in
 * ({@code /api/v2/spans}, HTTP_JSON): lower-hex ids, {@code timestamp} and {@code duration} in microseconds,
 * {@code kind} CLIENT for the caller's sidecar and SERVER for the callee's, no {@code parentId} on a root.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Span(String traceId, String id, String parentId, String name, String kind, long timestamp, long duration,
                   Endpoint localEndpoint, Map<String, String> tags) {

    public static final String CLIENT = "CLIENT";
    public static final String SERVER = "SERVER";

    /** The reporting side: Istio names it {@code <app>.<namespace>}. */
    public record Endpoint(String serviceName) {}

    public long end() { return timestamp + duration; }

    public String serviceName() { return localEndpoint == null ? "" : localEndpoint.serviceName(); }

    public String tag(String name) { return tags == null ? null : tags.get(name); }
}
