package workbench.mesh;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The emulated control plane: the registry of services and pods, and the Istio config in force. It owns what
 * the sidecars share (the pooled connections to pods, the mirror senders); closing it frees them.
 */
public final class Mesh implements AutoCloseable {
    private final Registry registry = new Registry();
    private final AtomicReference<MeshConfig> config = new AtomicReference<>(MeshConfig.empty());
    private final MeshTelemetry telemetry = new MeshTelemetry(registry);
    private final MeshTracing tracing;
    private final Upstream upstream;
    private final Mirror mirror;
    private final long seed;
    private final java.util.Map<String, Sidecar> sidecars = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Outbound> plainCallers = new java.util.concurrent.ConcurrentHashMap<>();

    private final AtomicReference<java.util.List<workbench.istio.Gateway>> gateways = new AtomicReference<>(java.util.List.of());

    public Mesh(long seed) {
        this.seed = seed;
        this.tracing = new MeshTracing(seed);
        this.upstream = new Upstream(telemetry, tracing);
        this.mirror = new Mirror(upstream);
    }

    /** The Gateways in force, oldest first. */
    public java.util.List<workbench.istio.Gateway> gateways() { return gateways.get(); }

    /** Adds or replaces (same namespace and name) a Gateway, like {@code kubectl apply}. */
    public void apply(workbench.istio.Gateway gateway) {
        gateways.updateAndGet(list -> {
            java.util.List<workbench.istio.Gateway> next = new java.util.ArrayList<>(list);
            next.removeIf(g -> g.name().equals(gateway.name()) && g.namespace().equals(gateway.namespace()));
            next.add(gateway);
            return java.util.List.copyOf(next);
        });
    }

    public void deleteGateway(String namespace, String name) {
        gateways.updateAndGet(list -> list.stream().filter(g -> !(g.name().equals(name) && g.namespace().equals(namespace))).toList());
    }

    /**
     * The Envoy of an ingress gateway pod, answering on the gateway Service's port {@code servicePort}: routes by the
     * Gateways that select the pod and the VirtualServices bound to them.
     */
    public Sidecar ingressGatewayFor(Pod pod, int servicePort) {
        return sidecars.computeIfAbsent(pod.name(), name -> new Sidecar(pod, this, upstream, seed ^ name.hashCode(),
                (mesh, p, request, random) -> GatewayRouter.route(mesh.config(), mesh.gateways(), mesh.registry(), p, servicePort, request, random)));
    }

    public Registry registry() { return registry; }

    public MeshConfig config() { return config.get(); }

    public void update(UnaryOperator<MeshConfig> change) { config.updateAndGet(change); }

    public long seed() { return seed; }

    /** The standard metrics every sidecar has recorded. */
    public MeshTelemetry telemetry() { return telemetry; }

    /** The spans every sidecar has reported. */
    public MeshTracing tracing() { return tracing; }

    /**
     * How {@code pod}'s application reaches other services: through its sidecar, or, for a pod the injector
     * skipped, straight through kube-proxy.
     */
    public Outbound outboundFor(Pod pod) {
        if (pod.sidecar()) return sidecarFor(pod);
        return plainCallers.computeIfAbsent(pod.name(),
                name -> new KubeProxy(pod, registry, upstream, new java.util.SplittableRandom(seed ^ name.hashCode())));
    }

    /** Drops what was kept for a deleted pod, so a new pod of the same name gets its own way out. */
    public void forget(Pod pod) {
        sidecars.remove(pod.name());
        plainCallers.remove(pod.name());
    }

    /** The sidecar injected next to {@code pod}: its randomness is derived from the run's seed and the pod name. */
    public Sidecar sidecarFor(Pod pod) {
        return sidecars.computeIfAbsent(pod.name(), name -> new Sidecar(pod, this, upstream, seed ^ name.hashCode()));
    }

    Mirror mirror() { return mirror; }

    /** TCP connections the sidecars have opened to pods so far (each is then kept alive and reused). */
    public long connectionsOpened() { return upstream.connectionsOpened(); }

    /** Stops the mirror senders, closes every pooled connection and forgets the sidecars. */
    @Override
    public void close() {
        mirror.close();
        upstream.close();
        sidecars.clear();
    }
}
