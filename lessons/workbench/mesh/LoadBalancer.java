package workbench.mesh;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Picks one endpoint of a cluster. Istio's default is LEAST_REQUEST, which Envoy implements as
 * "power of two choices": two random hosts, the one with fewer requests in flight wins.
 */
public final class LoadBalancer {
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

    public Pod pick(List<Pod> endpoints, RandomGenerator random) {
        if (endpoints.size() == 1) return endpoints.get(0);
        Pod a = endpoints.get(random.nextInt(endpoints.size()));
        Pod b = endpoints.get(random.nextInt(endpoints.size()));
        return inFlight(b) < inFlight(a) ? b : a;
    }

    public void started(Pod pod) { counter(pod).incrementAndGet(); }

    public void finished(Pod pod) { counter(pod).decrementAndGet(); }

    private int inFlight(Pod pod) { return counter(pod).get(); }

    private AtomicInteger counter(Pod pod) { return active.computeIfAbsent(pod.name(), k -> new AtomicInteger()); }
}
