package workbench.mesh;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a caller's sidecar decides for one request: forward it to a cluster, or answer itself. */
public sealed interface RouteDecision {

    /**
     * Send {@code request} (already rewritten, with the route's request headers applied) to one endpoint of
     * {@code cluster}, after {@code faultDelay}; {@code timeout} covers every try; the response gets
     * {@code responseHeaders} edits (destination level first, then route level). {@code mirrors} are the clusters
     * that get a fire-and-forget copy (their percentages already drawn).
     */
    record Forward(Cluster cluster, MeshRequest request, Duration faultDelay, Optional<Duration> timeout,
                   RetryPolicy retry, List<HeaderEditor.Level> responseHeaders, HashPolicy.Key hash,
                   List<Cluster> mirrors, String route) implements RouteDecision {

        public String clusterName() { return cluster.name(); }

        public KubeService service() { return cluster.service(); }

        public String subset() { return cluster.subset(); }

        public List<Pod> endpoints() { return cluster.endpoints(); }
    }

    /**
     * Envoy answers without reaching any pod: no route (404), unknown cluster (503), no healthy upstream (503),
     * a fault abort, a redirect or a direct response. {@code delay} is an injected fault delay served first.
     */
    record LocalReply(int status, String body, String reason, Map<String, String> headers, Duration delay) implements RouteDecision {
        public LocalReply(int status, String body, String reason) { this(status, body, reason, Map.of(), Duration.ZERO); }

        public MeshResponse response() {
            Map<String, String> h = new LinkedHashMap<>();
            if (!body.isEmpty()) h.put("content-type", "text/plain");
            h.putAll(headers);
            return new MeshResponse(status, h, body);
        }
    }

    /** The host resolves to no service: the caller's DNS lookup fails before anything is sent. */
    record Unresolved(String host) implements RouteDecision {}
}
