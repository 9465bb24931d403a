package workbench.mesh;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import workbench.telemetry.IstioMetrics;
import workbench.telemetry.Peer;
import workbench.telemetry.Reporter;

/**
 * Where the emulated sidecars report Istio's standard metrics: one {@link IstioMetrics} per pod with a sidecar.
 * The caller's sidecar reports each request once ({@code reporter="source"}, its final response, time from the
 * application's send to the answer); the callee's sidecar reports each try it receives ({@code reporter="destination"}),
 * and only when the callee has a sidecar. A caller without a sidecar is {@code unknown} to the callee, as no peer
 * metadata comes with its plain-text request.
 */
public final class MeshTelemetry {
    private final Registry registry;
    private final Map<String, IstioMetrics> byPod = new ConcurrentHashMap<>();

    MeshTelemetry(Registry registry) { this.registry = registry; }

    /** The metrics {@code pod}'s sidecar has recorded (empty for a pod without one). */
    public IstioMetrics of(String podName) { return byPod.computeIfAbsent(podName, n -> new IstioMetrics()); }

    /** The workload and version labels Istio gives a pod: its Deployment's name, its {@code app} and {@code version} labels. */
    public static Peer peer(Pod pod) {
        return new Peer(workload(pod.name()), pod.namespace(), pod.app(), pod.version());
    }

    /** A Deployment's pod is named {@code <deployment>-<pod-template-hash>-<suffix>}. */
    static String workload(String podName) {
        int last = podName.lastIndexOf('-');
        int hash = last <= 0 ? -1 : podName.lastIndexOf('-', last - 1);
        return hash <= 0 ? podName : podName.substring(0, hash);
    }

    void source(Pod caller, String destinationService, Pod host, int status, String flags, long startNanos) {
        if (!caller.sidecar()) return;
        Peer destination = host == null ? Peer.UNKNOWN : peer(host);
        of(caller.name()).record(Reporter.SOURCE, peer(caller), destination, destinationService, status, flags, millisSince(startNanos));
    }

    void destination(Pod caller, Pod callee, MeshRequest request, int status, String flags, long startNanos) {
        if (!callee.sidecar()) return;
        Peer source = caller == null || !caller.sidecar() ? Peer.UNKNOWN : peer(caller);
        String service = registry.resolve(request.host(), callee.namespace()).map(KubeService::fqdn).orElse(request.host());
        of(callee.name()).record(Reporter.DESTINATION, source, peer(callee), service, status, flags, millisSince(startNanos));
    }

    /** The FQDN a request's host names from {@code caller}'s namespace, or the host itself when it names no service. */
    String serviceOf(Pod caller, MeshRequest request) {
        return registry.resolve(request.host(), caller.namespace()).map(KubeService::fqdn).orElse(Peer.UNKNOWN_VALUE);
    }

    private static double millisSince(long startNanos) { return (System.nanoTime() - startNanos) / 1e6; }
}
