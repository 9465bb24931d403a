package workbench.mesh;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import workbench.istio.Gateway;
import workbench.istio.HostMatch;
import workbench.istio.VirtualService;

/**
 * The routing decision of an ingress gateway's Envoy (Istio's "Ingress Gateways" task and Gateway reference): the
 * Gateways whose selector picks this pod open a server on the request's port; a server's hosts must match the
 * request's Host (else 404); the VirtualServices bound to such a Gateway whose hosts match it, first applied first,
 * give the route table (a {@code ns/host} server host admits VirtualServices of that namespace only); no bound
 * VirtualService or no rule matching the request: 404 (NR). The selected rule then acts exactly as at a sidecar
 * ({@link Router#decide}): redirect, direct response, fault, weighted destination, policy, rewrites, retries, mirrors.
 */
public final class GatewayRouter {
    private GatewayRouter() {}

    /** The labels Istio's {@code gateway} Helm chart gives the pods of a release named istio-ingressgateway. */
    public static final java.util.Map<String, String> INGRESS_GATEWAY_LABELS =
            java.util.Map.of("app", "istio-ingressgateway", "istio", "ingressgateway");

    public static RouteDecision route(MeshConfig config, List<Gateway> gateways, Registry registry, Pod gatewayPod, int port,
                                      MeshRequest request, RandomGenerator random) {
        String host = HostMatch.hostOf(request.authority());
        for (Gateway gw : gateways) {
            if (!gw.selects(gatewayPod.labels())) continue;
            for (Gateway.Server server : gw.servers()) {
                if (server.port() != port) continue;
                for (VirtualService vs : config.virtualServicesBoundTo(gw.namespace(), gw.name())) {
                    boolean admitted = server.hosts().stream().anyMatch(h -> admits(h, gw, vs) && HostMatch.matches(hostPart(h), host));
                    boolean claimed = vs.hosts().stream().anyMatch(h -> HostMatch.matches(h, host));
                    if (admitted && claimed) {
                        return forward(config, registry, gatewayPod, port, gw.namespace() + "/" + gw.name(), vs, request, random);
                    }
                }
            }
        }
        return new RouteDecision.LocalReply(404, "", "NR (no Gateway server and bound VirtualService for host " + host + ")");
    }

    private static RouteDecision forward(MeshConfig config, Registry registry, Pod gatewayPod, int port, String gateway,
                                         VirtualService vs, MeshRequest request, RandomGenerator random) {
        Optional<RouteTable.Selected> selected = RouteTable.forGateway(vs, gatewayPod, port, gateway).select(request);
        if (selected.isEmpty()) return new RouteDecision.LocalReply(404, "", "NR (no route of " + vs.name() + " matched)");
        return Router.decide(config, registry, gatewayPod, vs, selected.get().rule(), selected.get().match(), port, request, random);
    }

    /** Whether a server host's namespace part lets this VirtualService bind ({@code *}, {@code .}, or its namespace). */
    private static boolean admits(String serverHost, Gateway gw, VirtualService vs) {
        int slash = serverHost.indexOf('/');
        if (slash < 0) return true;
        String ns = serverHost.substring(0, slash);
        return ns.equals("*") || (ns.equals(".") ? gw.namespace() : ns).equals(vs.namespace());
    }

    private static String hostPart(String serverHost) {
        int slash = serverHost.indexOf('/');
        return slash < 0 ? serverHost : serverHost.substring(slash + 1);
    }
}
