package workbench.mesh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How a pod without a sidecar reaches a Service: kube-proxy sends the connection to a random ready endpoint
 * (iptables mode, equal probability), with no VirtualService, DestinationRule, retries or telemetry.
 */
final class KubeProxy implements Outbound {
    private final Pod caller;
    private final Registry registry;
    private final Upstream upstream;
    private final RandomGenerator random;

    KubeProxy(Pod caller, Registry registry, Upstream upstream, RandomGenerator random) {
        this.caller = caller;
        this.registry = registry;
        this.upstream = upstream;
        this.random = random;
    }

    @Override
    public MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
        KubeService service = registry.resolve(request.host(), caller.namespace())
                .orElseThrow(() -> new UnknownHostException(request.host()));
        List<Pod> endpoints = registry.endpoints(service);
        if (endpoints.isEmpty()) throw new ConnectException("service " + service.fqdn() + " has no endpoints");
        Pod chosen;
        synchronized (random) {
            chosen = endpoints.get(random.nextInt(endpoints.size()));
        }
        return upstream.send(caller, chosen, request, timeout);
    }
}
