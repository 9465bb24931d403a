package workbench.mesh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Function;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.VirtualService;
import workbench.manifest.Document;

/**
 * The Istio configuration in force: an immutable snapshot, replaced whole on every apply, so a request is always
 * routed by one consistent version of the rules (as Envoy applies xDS updates). Both lists are kept in creation
 * order, oldest first, because that order decides conflicts: istiod sorts configs by creationTimestamp, then
 * name and namespace (pilot/pkg/model sortConfigByCreationTime), and for a host claimed twice the oldest wins.
 * <p>
 * What is derived from a snapshot (which VirtualService and DestinationRule apply to a host, the clusters built from
 * them) is kept with it, as istiod computes a proxy's config once per push rather than once per request.
 */
public final class MeshConfig {

    /** No rules: a new instance each time, since a snapshot keeps what is derived from it and must not share that. */
    public static MeshConfig empty() { return new MeshConfig(List.of(), List.of()); }

    private final List<VirtualService> virtualServices;
    private final List<DestinationRule> destinationRules;
    private final Map<String, Optional<VirtualService>> virtualServiceByHost = new ConcurrentHashMap<>();
    private final Map<String, Optional<DestinationRule>> destinationRuleByHost = new ConcurrentHashMap<>();
    private final Map<Object, Object> derived = new ConcurrentHashMap<>();

    public MeshConfig(List<VirtualService> virtualServices, List<DestinationRule> destinationRules) {
        this.virtualServices = List.copyOf(virtualServices);
        this.destinationRules = List.copyOf(destinationRules);
    }

    public List<VirtualService> virtualServices() { return virtualServices; }

    public List<DestinationRule> destinationRules() { return destinationRules; }

    /**
     * Something computed from this snapshot (and from {@code key}, which must say everything else it depends on), computed
     * once: the router keeps its clusters here.
     */
    @SuppressWarnings("unchecked")
    <T> T derived(Object key, java.util.function.Supplier<T> compute) {
        return (T) derived.computeIfAbsent(key, k -> compute.get());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeshConfig c && c.virtualServices.equals(virtualServices) && c.destinationRules.equals(destinationRules);
    }

    @Override
    public int hashCode() { return Objects.hash(virtualServices, destinationRules); }

    @Override
    public String toString() { return "MeshConfig[virtualServices=" + virtualServices + ", destinationRules=" + destinationRules + "]"; }

    /**
     * The configuration as a cluster holds it, from objects read back from the API server: ordered by
     * {@code metadata.creationTimestamp}, then name, then namespace, as istiod orders them.
     */
    public static MeshConfig fromCluster(List<VirtualService> virtualServices, List<DestinationRule> destinationRules) {
        Comparator<Document> byCreation = Comparator.comparing(MeshConfig::created)
                .thenComparing(Document::name).thenComparing(d -> d.namespaceOr(""));
        return new MeshConfig(
                virtualServices.stream().sorted(Comparator.comparing(VirtualService::document, byCreation)).toList(),
                destinationRules.stream().sorted(Comparator.comparing(DestinationRule::document, byCreation)).toList());
    }

    private static String created(Document d) {
        // RFC 3339 in UTC ("2026-11-30T03:04:05Z") sorts as text; a document never applied sorts last
        return d.body().path("metadata").path("creationTimestamp").asText("9999");
    }

    /**
     * Adds a VirtualService, or replaces the one with the same namespace and name in place, like
     * {@code kubectl apply}: an update keeps the object's creationTimestamp, so it keeps its precedence.
     */
    public MeshConfig with(VirtualService vs) {
        return new MeshConfig(replaceOrAppend(virtualServices, vs, v -> v.namespace() + "/" + v.name()), destinationRules);
    }

    public MeshConfig with(DestinationRule dr) {
        return new MeshConfig(virtualServices, replaceOrAppend(destinationRules, dr, d -> d.namespace() + "/" + d.name()));
    }

    private static <T> List<T> replaceOrAppend(List<T> current, T next, Function<T, String> key) {
        List<T> out = new ArrayList<>(current);
        for (int i = 0; i < out.size(); i++) {
            if (key.apply(out.get(i)).equals(key.apply(next))) {
                out.set(i, next);
                return out;
            }
        }
        out.add(next);
        return out;
    }

    public MeshConfig withoutVirtualService(String namespace, String name) {
        List<VirtualService> next = new ArrayList<>(virtualServices);
        next.removeIf(v -> v.name().equals(name) && v.namespace().equals(namespace));
        return new MeshConfig(next, destinationRules);
    }

    public MeshConfig withoutDestinationRule(String namespace, String name) {
        List<DestinationRule> next = new ArrayList<>(destinationRules);
        next.removeIf(d -> d.name().equals(name) && d.namespace().equals(namespace));
        return new MeshConfig(virtualServices, next);
    }

    /**
     * The VirtualService sidecars use for a service FQDN: only those bound to the mesh (no {@code gateways}, or
     * {@code mesh} listed); an exact host beats a wildcard ({@code *.example.com}); when several claim the same
     * host, the oldest wins, as in istiod (which reports IST0109).
     */
    public Optional<VirtualService> virtualServiceFor(String fqdn) {
        return virtualServiceByHost.computeIfAbsent(fqdn, this::findVirtualServiceFor);
    }

    private Optional<VirtualService> findVirtualServiceFor(String fqdn) {
        Optional<VirtualService> exact = virtualServices.stream().filter(VirtualService::appliesToSidecars)
                .filter(vs -> vs.hosts().stream().anyMatch(h -> !h.startsWith("*") && fqdnOf(h, vs.namespace()).equals(fqdn)))
                .findFirst();
        if (exact.isPresent()) return exact;
        return virtualServices.stream().filter(VirtualService::appliesToSidecars)
                .filter(vs -> vs.hosts().stream().anyMatch(h -> h.startsWith("*") && fqdn.endsWith(h.substring(1).toLowerCase())))
                .findFirst();
    }

    /**
     * The VirtualServices bound to a Gateway, in the order applied: those whose {@code gateways} name it, as
     * {@code name} (the VirtualService's own namespace) or {@code namespace/name}.
     */
    public List<VirtualService> virtualServicesBoundTo(String gatewayNamespace, String gatewayName) {
        return virtualServices.stream().filter(vs -> vs.gateways().stream().anyMatch(g -> {
            int slash = g.indexOf('/');
            String ns = slash < 0 ? vs.namespace() : g.substring(0, slash);
            String name = slash < 0 ? g : g.substring(slash + 1);
            return ns.equals(gatewayNamespace) && name.equals(gatewayName);
        })).toList();
    }

    public Optional<DestinationRule> destinationRuleFor(String fqdn) {
        return destinationRuleByHost.computeIfAbsent(fqdn, this::findDestinationRuleFor);
    }

    private Optional<DestinationRule> findDestinationRuleFor(String fqdn) {
        Optional<DestinationRule> exact = destinationRules.stream()
                .filter(dr -> !dr.host().startsWith("*") && fqdnOf(dr.host(), dr.namespace()).equals(fqdn))
                .findFirst();
        if (exact.isPresent()) return exact;
        return destinationRules.stream()
                .filter(dr -> dr.host().startsWith("*") && fqdn.endsWith(dr.host().substring(1).toLowerCase()))
                .findFirst();
    }

    private static String fqdnOf(String host, String namespace) { return Hosts.fqdn(host.toLowerCase(), namespace); }
}
