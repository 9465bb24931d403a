package workbench.mesh;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.HttpRoute;
import workbench.istio.RouteDestination;
import workbench.istio.Subset;
import workbench.istio.VirtualService;

/**
 * The routing decision of a caller's sidecar as one pure function of (config, registry, request, randomness):
 * VirtualService rules first-match, a weighted random pick per request (Envoy's weighted_clusters),
 * then the DestinationRule subset's endpoints.
 */
public final class Router {
    private Router() {}

    public static RouteDecision route(MeshConfig config, Registry registry, KubeService target,
                                      MeshRequest request, RandomGenerator random) {
        Optional<VirtualService> vs = config.virtualServiceFor(target.fqdn());
        if (vs.isEmpty()) return forward(config, registry, target, "");

        Optional<HttpRoute> rule = vs.get().http().stream().filter(r -> r.matches(request)).findFirst();
        if (rule.isEmpty()) return new RouteDecision.LocalReply(404, "", "NR (no route matched)");

        RouteDestination chosen = pickWeighted(rule.get().route(), random);
        String fqdn = Hosts.fqdn(chosen.destination().host(), vs.get().namespace());
        Optional<KubeService> service = registry.service(fqdn);
        if (service.isEmpty()) return new RouteDecision.LocalReply(503, "", "NC (no cluster for " + fqdn + ")");
        return forward(config, registry, service.get(), chosen.destination().subset());
    }

    /**
     * Envoy draws a number in [0, total weight) for every request and walks the list; weights are relative,
     * a zero weight is never chosen.
     */
    public static RouteDestination pickWeighted(List<RouteDestination> destinations, RandomGenerator random) {
        int n = destinations.size();
        long total = destinations.stream().mapToLong(d -> d.effectiveWeight(n)).sum();
        if (total <= 0) return destinations.get(0);
        long draw = random.nextLong(total);
        for (RouteDestination d : destinations) {
            draw -= d.effectiveWeight(n);
            if (draw < 0) return d;
        }
        throw new IllegalStateException("weights changed during the draw");
    }

    private static RouteDecision forward(MeshConfig config, Registry registry, KubeService service, String subsetName) {
        String cluster = "outbound|" + service.port() + "|" + subsetName + "|" + service.fqdn();
        List<Pod> endpoints = registry.endpoints(service);
        if (!subsetName.isEmpty()) {
            Optional<Subset> subset = config.destinationRuleFor(service.fqdn()).flatMap(dr -> dr.subset(subsetName));
            // istiod builds no cluster for a subset no DestinationRule defines: Envoy answers 503, empty body.
            if (subset.isEmpty()) return new RouteDecision.LocalReply(503, "", "NC (cluster " + cluster + " not found)");
            endpoints = endpoints.stream().filter(p -> subset.get().selects(p.labels())).toList();
        }
        if (endpoints.isEmpty()) {
            return new RouteDecision.LocalReply(503, "no healthy upstream", "UH (no endpoints in " + cluster + ")");
        }
        return new RouteDecision.Forward(cluster, service, subsetName, endpoints);
    }

    /** Unused helper kept for symmetry with config lookups by rule. */
    static Optional<DestinationRule> ruleFor(MeshConfig config, KubeService service) {
        return config.destinationRuleFor(service.fqdn());
    }
}
