package workbench.mesh;

import java.util.List;

/** What a caller's sidecar decides for one request: forward it to a set of endpoints, or answer itself. */
public sealed interface RouteDecision {

    /** Send to one of {@code endpoints}; {@code cluster} is named the way Envoy names it. */
    record Forward(String cluster, KubeService service, String subset, List<Pod> endpoints) implements RouteDecision {}

    /** Envoy answers without reaching any pod (no route, unknown cluster, no healthy upstream). */
    record LocalReply(int status, String body, String reason) implements RouteDecision {
        public MeshResponse response() { return MeshResponse.envoy(status, body); }
    }
}
