package workbench.mesh;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The emulated control plane: the registry of services and pods, and the Istio config in force. It owns what
 * the sidecars share (the pooled connections to pods, the mirror senders); closing it frees them.
 */
public final class Mesh implements AutoCloseable {
    private final Registry registry = new Registry();
    private final AtomicReference<MeshConfig> config = new AtomicReference<>(MeshConfig.EMPTY);
    private final MeshTelemetry telemetry = new MeshTelemetry(registry);
    private final Upstream upstream = new Upstream(telemetry);
    private final Mirror mirror = new Mirror(upstream);
    private final long seed;
    private final java.util.Map<String, Sidecar> sidecars = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Outbound> plainCallers = new java.util.concurrent.ConcurrentHashMap<>();

    public Mesh(long seed) { this.seed = seed; }

    public Registry registry() { return registry; }

    public MeshConfig config() { return config.get(); }

    public void update(UnaryOperator<MeshConfig> change) { config.updateAndGet(change); }

    public long seed() { return seed; }

    /** The standard metrics every sidecar has recorded. */
    public MeshTelemetry telemetry() { return telemetry; }

    /**
     * How {@code pod}'s application reaches other services: through its sidecar, or, for a pod the injector
     * skipped, straight through kube-proxy.
     */
    public Outbound outboundFor(Pod pod) {
        if (pod.sidecar()) return sidecarFor(pod);
        return plainCallers.computeIfAbsent(pod.name(),
                name -> new KubeProxy(pod, registry, upstream, new java.util.SplittableRandom(seed ^ name.hashCode())));
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
