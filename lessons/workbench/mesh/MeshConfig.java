package workbench.mesh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.function.Function;
import java.util.List;
import java.util.Optional;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.VirtualService;
import workbench.manifest.Document;

/**
 * The Istio configuration in force: an immutable snapshot, replaced whole on every apply, so a request is always
 * routed by one consistent version of the rules (as Envoy applies xDS updates). Both lists are kept in creation
 * order, oldest first, because that order decides conflicts: istiod sorts configs by creationTimestamp, then
 * name and namespace (pilot/pkg/model sortConfigByCreationTime), and for a host claimed twice the oldest wins.
 */
public record MeshConfig(List<VirtualService> virtualServices, List<DestinationRule> destinationRules) {

    public static final MeshConfig EMPTY = new MeshConfig(List.of(), List.of());

    public MeshConfig {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
    }

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
        Optional<VirtualService> exact = virtualServices.stream().filter(VirtualService::appliesToSidecars)
                .filter(vs -> vs.hosts().stream().anyMatch(h -> !h.startsWith("*") && fqdnOf(h, vs.namespace()).equals(fqdn)))
                .findFirst();
        if (exact.isPresent()) return exact;
        return virtualServices.stream().filter(VirtualService::appliesToSidecars)
                .filter(vs -> vs.hosts().stream().anyMatch(h -> h.startsWith("*") && fqdn.endsWith(h.substring(1).toLowerCase())))
                .findFirst();
    }

    public Optional<DestinationRule> destinationRuleFor(String fqdn) {
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
