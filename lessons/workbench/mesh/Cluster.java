package workbench.mesh;

import java.util.List;
import workbench.istio.TrafficPolicy;

/**
 * An Envoy cluster as istiod builds it for one destination: its name ({@code outbound|port|subset|fqdn}), the
 * service, the subset's endpoints and the merged traffic policy.
 */
public record Cluster(String name, KubeService service, String subset, List<Pod> endpoints, TrafficPolicy policy) {

    public static String name(int port, String subset, String fqdn) {
        return "outbound|" + port + "|" + subset + "|" + fqdn;
    }
}
