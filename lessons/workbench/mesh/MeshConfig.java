package workbench.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.VirtualService;

/**
 * The Istio configuration in force: an immutable snapshot, replaced whole on every apply, so a
 * request is always routed by one consistent version of the rules (as Envoy applies xDS updates).
 */
public record MeshConfig(List<VirtualService> virtualServices, List<DestinationRule> destinationRules) {

    public static final MeshConfig EMPTY = new MeshConfig(List.of(), List.of());

    public MeshConfig {
        virtualServices = List.copyOf(virtualServices);
        destinationRules = List.copyOf(destinationRules);
    }

    /** Adds or replaces (same namespace and name) a VirtualService, like {@code kubectl apply}. */
    public MeshConfig with(VirtualService vs) {
        List<VirtualService> next = new ArrayList<>(virtualServices);
        next.removeIf(v -> v.name().equals(vs.name()) && v.namespace().equals(vs.namespace()));
        next.add(vs);
        return new MeshConfig(next, destinationRules);
    }

    public MeshConfig with(DestinationRule dr) {
        List<DestinationRule> next = new ArrayList<>(destinationRules);
        next.removeIf(d -> d.name().equals(dr.name()) && d.namespace().equals(dr.namespace()));
        next.add(dr);
        return new MeshConfig(virtualServices, next);
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
     * host, the first applied wins, as in istiod (which reports IST0109).
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
