package workbench.mesh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.HttpMatch;
import workbench.istio.HttpMirror;
import workbench.istio.HttpRoute;
import workbench.istio.LoadBalancerSettings.ConsistentHash;
import workbench.istio.RouteDestination;
import workbench.istio.Subset;
import workbench.istio.VirtualService;

/**
 * The routing decision of a caller's sidecar as one pure function of (config, registry, caller, request,
 * randomness). In the order Envoy's filters run: the route is chosen (VirtualService rules for this caller,
 * first match wins, else 404 NR; no VirtualService: the service's default route), a weighted destination is
 * drawn (Envoy's weighted_clusters), the fault filter decides delay and abort, then the router resolves the
 * cluster (503 NC when istiod built none, 503 UH without endpoints), rewrites the request, applies the header
 * operations and draws the mirrors. Random draws happen in that order and only when needed, so a seeded
 * generator replays a run.
 */
public final class Router {
    private Router() {}

    /**
     * The deterministic half of routing: the Service the host resolves to in the caller's namespace, the
     * VirtualService in force for it (only the match blocks that apply to this caller and listener port), and
     * the first rule that matches the request.
     */
    public static RouteSelection select(MeshConfig config, Registry registry, Pod caller, MeshRequest request) {
        String namespace = caller == null ? "default" : caller.namespace();
        Optional<KubeService> target = registry.resolve(request.host(), namespace);
        if (target.isEmpty()) return new RouteSelection.Unresolved(request.host());
        Optional<VirtualService> vs = config.virtualServiceFor(target.get().fqdn());
        RouteTable table = vs.map(v -> RouteTable.forCaller(v, caller, request.port())).orElse(null);
        if (table == null || table.isEmpty()) return new RouteSelection.DefaultRoute(target.get());
        Optional<RouteTable.Selected> selected = table.select(request);
        if (selected.isEmpty()) return new RouteSelection.NoRoute(target.get(), vs.get());
        return new RouteSelection.Rule(target.get(), vs.get(), selected.get().rule(), selected.get().match());
    }

    public static RouteDecision route(MeshConfig config, Registry registry, Pod caller, MeshRequest request, RandomGenerator random) {
        RouteSelection selection = select(config, registry, caller, request);
        if (selection instanceof RouteSelection.Unresolved u) return new RouteDecision.Unresolved(u.host());
        if (selection instanceof RouteSelection.DefaultRoute d) return defaultRoute(config, registry, d.service(), caller, request);
        if (selection instanceof RouteSelection.NoRoute) return new RouteDecision.LocalReply(404, "", "NR (no route matched)");
        RouteSelection.Rule selected = (RouteSelection.Rule) selection;
        return decide(config, registry, caller, selected.virtualService(), selected.rule(), selected.match(), request.port(), request, random);
    }

    /**
     * What an Envoy does with the rule it selected, the same for a sidecar and a gateway (istiod builds both proxies'
     * routes with one function, networking/core/route BuildHTTPRoutesForVirtualService): redirect, direct response,
     * or a weighted destination with fault, cluster, rewrites, header edits, retries, hashing and mirrors.
     * {@code proxy} is the Envoy's own pod (hash policies keyed on the source read it); {@code listenerPort} is the
     * port the request arrived on (a redirect keeps it unless the rule names another).
     */
    static RouteDecision decide(MeshConfig config, Registry registry, Pod proxy, VirtualService vs, HttpRoute rule,
                                Optional<HttpMatch> match, int listenerPort, MeshRequest request, RandomGenerator random) {
        String routeName = vs.name() + " " + rule.path();

        if (rule.redirect().isPresent()) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("location", RedirectLocation.location(rule.redirect().get(), request, listenerPort));
            headers = HeaderEditor.apply(rule.headers().response(), headers);
            return new RouteDecision.LocalReply(RedirectLocation.status(rule.redirect().get()), "", "redirect by " + routeName,
                    headers, Duration.ZERO);
        }
        if (rule.directResponse().isPresent()) {
            var direct = rule.directResponse().get();
            Map<String, String> headers = HeaderEditor.apply(rule.headers().response(), Map.of());
            return new RouteDecision.LocalReply(direct.status(), direct.body(), "direct response by " + routeName, headers, Duration.ZERO);
        }
        if (rule.route().isEmpty()) return new RouteDecision.LocalReply(404, "", "NR (rule " + routeName + " has no route)");

        RouteDestination chosen = pickWeighted(rule.route(), random);
        FaultInjector.Decision fault = FaultInjector.decide(rule.fault(), random);
        if (fault.aborts()) {
            return new RouteDecision.LocalReply(fault.abortStatus().getAsInt(), FaultInjector.ABORT_BODY,
                    "FI (fault abort by " + routeName + ")", Map.of(), fault.delay());
        }
        Optional<Cluster> cluster = cluster(config, registry, chosen.destination(), vs.namespace());
        if (cluster.isEmpty()) {
            return new RouteDecision.LocalReply(503, "", "NC (no cluster for " + chosen.destination() + ")", Map.of(), fault.delay());
        }
        if (cluster.get().endpoints().isEmpty()) return noHealthyUpstream(cluster.get(), fault.delay());

        MeshRequest out = outgoing(rule, match, chosen, request);
        boolean single = rule.route().size() == 1;
        List<ConsistentHash> hashes = new ArrayList<>();
        for (RouteDestination d : single ? rule.route() : rule.route().stream().filter(d -> d.effectiveWeight(2) > 0).toList()) {
            HashPolicy.forDestination(config, d.destination(), vs.namespace()).ifPresent(hashes::add);
        }
        RetryPolicy retry = RetryPolicy.from(rule.retries(), single && !hashes.isEmpty());
        List<HeaderEditor.Level> responseOps = single
                ? List.of(HeaderEditor.level(rule.headers().response(), chosen.headers().response()))
                : List.of(HeaderEditor.level(chosen.headers().response()), HeaderEditor.level(rule.headers().response()));
        List<Cluster> mirrors = mirrors(config, registry, rule.mirrors(), vs.namespace(), random);
        return new RouteDecision.Forward(cluster.get(), out, fault.delay(), rule.timeout(), retry, responseOps,
                HashPolicy.key(hashes, request, proxy), mirrors, routeName);
    }

    /** The one cluster of a Service's default route: every endpoint, the DestinationRule's top-level policy. */
    public static Cluster defaultCluster(MeshConfig config, Registry registry, KubeService service) {
        return clusterFor(config, registry, service, "").orElseThrow();
    }

    /** A service without VirtualService (or none left for this caller): its one cluster, Istio's default retries, no timeout. */
    private static RouteDecision defaultRoute(MeshConfig config, Registry registry, KubeService service, Pod caller, MeshRequest request) {
        Cluster cluster = defaultCluster(config, registry, service);
        if (cluster.endpoints().isEmpty()) return noHealthyUpstream(cluster, Duration.ZERO);
        List<ConsistentHash> hashes = HashPolicy.forService(config, service).map(List::of).orElse(List.of());
        return new RouteDecision.Forward(cluster, request, Duration.ZERO, Optional.empty(), RetryPolicy.defaults(false),
                List.of(), HashPolicy.key(hashes, request, caller), List.of(), "default route of " + service.fqdn());
    }

    private static RouteDecision noHealthyUpstream(Cluster cluster, Duration delay) {
        return new RouteDecision.LocalReply(503, "no healthy upstream", "UH (no endpoints in " + cluster.name() + ")", Map.of(), delay);
    }

    /**
     * Envoy draws a number in [0, total weight) for every request and walks the list; weights are relative,
     * a zero weight is never chosen. A lone destination takes everything without a draw.
     */
    public static RouteDestination pickWeighted(List<RouteDestination> destinations, RandomGenerator random) {
        int n = destinations.size();
        if (n == 1) return destinations.get(0);
        long total = destinations.stream().mapToLong(d -> d.effectiveWeight(n)).sum();
        if (total <= 0) return destinations.get(0);
        long draw = random.nextLong(total);
        for (RouteDestination d : destinations) {
            draw -= d.effectiveWeight(n);
            if (draw < 0) return d;
        }
        throw new IllegalStateException("weights changed during the draw");
    }

    /**
     * The request as the router forwards it (Envoy finalizeRequestHeaders): destination-level header edits
     * and authority when the route has several destinations, then the route's edits (a lone destination's
     * own edits come after them), then the authority rewrite, then the path rewrite.
     */
    static MeshRequest outgoing(HttpRoute rule, Optional<HttpMatch> match, RouteDestination chosen, MeshRequest request) {
        MeshRequest out = request;
        boolean single = rule.route().size() == 1;
        Optional<String> routeAuthority = rule.rewrite().filter(r -> !r.authority().isEmpty()).map(r -> r.authority());
        if (routeAuthority.isEmpty()) routeAuthority = HeaderEditor.authority(rule.headers().request());
        if (!single) {
            out = HeaderEditor.apply(HeaderEditor.level(chosen.headers().request()), out);
            Optional<String> clusterAuthority = HeaderEditor.authority(chosen.headers().request());
            if (clusterAuthority.isPresent()) out = out.withAuthority(clusterAuthority.get());
            out = HeaderEditor.apply(HeaderEditor.level(rule.headers().request()), out);
        } else {
            out = HeaderEditor.apply(HeaderEditor.level(rule.headers().request(), chosen.headers().request()), out);
            if (routeAuthority.isEmpty()) routeAuthority = HeaderEditor.authority(chosen.headers().request());
        }
        if (routeAuthority.isPresent()) out = out.withAuthority(routeAuthority.get());
        if (rule.rewrite().isPresent()) out = out.withPath(UriRewriter.rewrite(rule.rewrite().get(), match, request.path()));
        return out;
    }

    private static List<Cluster> mirrors(MeshConfig config, Registry registry, List<HttpMirror> mirrors, String vsNamespace,
                                         RandomGenerator random) {
        List<Cluster> out = new ArrayList<>();
        for (HttpMirror m : mirrors) {
            if (!FaultInjector.enabled(m.partsPerMillion(), random)) continue;
            cluster(config, registry, m.destination(), vsNamespace).ifPresent(out::add);
        }
        return out;
    }

    /** The cluster istiod builds for a destination, or empty when it builds none (unknown host, port or subset: 503 NC). */
    public static Optional<Cluster> cluster(MeshConfig config, Registry registry, workbench.istio.Destination d, String vsNamespace) {
        Optional<KubeService> service = registry.service(Hosts.fqdn(d.host().toLowerCase(), vsNamespace));
        if (service.isEmpty()) return Optional.empty();
        if (d.port().isPresent() && d.port().getAsInt() != service.get().port()) return Optional.empty();
        return clusterFor(config, registry, service.get(), d.subset());
    }

    private record ClusterKey(KubeService service, String subset) {}

    /** A cluster as built for one set of the Service's endpoints; the registry hands out a new list when they change. */
    private record Built(List<Pod> endpoints, Optional<Cluster> cluster) {}

    /**
     * The cluster for a Service and subset, built once per config snapshot and set of endpoints, as istiod builds a
     * proxy's clusters once per push.
     */
    private static Optional<Cluster> clusterFor(MeshConfig config, Registry registry, KubeService service, String subsetName) {
        List<Pod> endpoints = registry.endpoints(service);
        AtomicReference<Built> slot = config.derived(new ClusterKey(service, subsetName), AtomicReference::new);
        Built built = slot.get();
        if (built == null || built.endpoints() != endpoints) {
            built = new Built(endpoints, buildCluster(config, service, subsetName, endpoints));
            slot.set(built);
        }
        return built.cluster();
    }

    private static Optional<Cluster> buildCluster(MeshConfig config, KubeService service, String subsetName, List<Pod> endpoints) {
        Optional<DestinationRule> rule = config.destinationRuleFor(service.fqdn());
        if (!subsetName.isEmpty()) {
            Optional<Subset> subset = rule.flatMap(dr -> dr.subset(subsetName));
            // istiod builds no cluster for a subset no DestinationRule defines: Envoy answers 503, empty body.
            if (subset.isEmpty()) return Optional.empty();
            endpoints = endpoints.stream().filter(p -> subset.get().selects(p.labels())).toList();
        }
        return Optional.of(new Cluster(Cluster.name(service.port(), subsetName, service.fqdn()), service, subsetName, endpoints,
                PolicyMerge.effective(rule, subsetName, service.port())));
    }
}
