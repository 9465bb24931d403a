package workbench.mesh;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The caller-side Envoy of one pod: resolves the target service, asks the {@link Router} for a decision
 * and, when it forwards, makes the real HTTP hop to the chosen endpoint.
 */
public final class Sidecar implements Outbound {
    private final Pod pod;
    private final Mesh mesh;
    private final Upstream upstream;
    private final RandomGenerator random;
    private final LoadBalancer balancer = new LoadBalancer();

    Sidecar(Pod pod, Mesh mesh, Upstream upstream, long seed) {
        this.pod = pod;
        this.mesh = mesh;
        this.upstream = upstream;
        this.random = new SplittableRandom(seed);
    }

    public Pod pod() { return pod; }

    @Override
    public MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
        KubeService target = mesh.registry().resolve(request.host(), pod.namespace())
                .orElseThrow(() -> new UnknownHostException(request.host()));
        RouteDecision decision;
        Pod endpoint;
        synchronized (random) { // one draw sequence per sidecar, so a seed replays the same split
            decision = Router.route(mesh.config(), mesh.registry(), target, request, random);
            if (decision instanceof RouteDecision.LocalReply reply) return reply.response();
            endpoint = balancer.pick(((RouteDecision.Forward) decision).endpoints(), random);
        }
        balancer.started(endpoint);
        try {
            return upstream.send(endpoint, request, timeout);
        } finally {
            balancer.finished(endpoint);
        }
    }
}
