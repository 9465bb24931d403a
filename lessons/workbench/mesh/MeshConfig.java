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

    /** The VirtualService for a service FQDN; when several claim it, the first applied wins, as in istiod. */
    public Optional<VirtualService> virtualServiceFor(String fqdn) {
        return virtualServices.stream()
                .filter(vs -> vs.hosts().stream().anyMatch(h -> Hosts.fqdn(h, vs.namespace()).equals(fqdn)))
                .findFirst();
    }

    public Optional<DestinationRule> destinationRuleFor(String fqdn) {
        return destinationRules.stream()
                .filter(dr -> Hosts.fqdn(dr.host(), dr.namespace()).equals(fqdn))
                .findFirst();
    }
}
