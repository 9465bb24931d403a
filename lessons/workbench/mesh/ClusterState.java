package workbench.mesh;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import workbench.istio.TrafficPolicy;

/**
 * What one sidecar keeps per cluster, as Envoy keeps it per cluster: the load balancer, the connection pools
 * and circuit breakers, the outlier detector and the requests in flight per host. A changed traffic policy
 * makes a new cluster (Envoy rebuilds a cluster whose config changes, dropping this state).
 */
public final class ClusterState {
    private final String name;
    private final TrafficPolicy policy;
    private final LoadBalancer balancer;
    private final ConnectionPool pool;
    private final Optional<OutlierDetector> outliers;
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

    public ClusterState(String name, TrafficPolicy policy, LongSupplier nanoClock) {
        this.name = name;
        this.policy = policy;
        this.balancer = LoadBalancer.forPolicy(policy.loadBalancer());
        this.pool = new ConnectionPool(ConnectionPool.Limits.of(policy.connectionPool()));
        this.outliers = policy.outlierDetection().map(o -> new OutlierDetector(o, nanoClock));
    }

    public String name() { return name; }

    public TrafficPolicy policy() { return policy; }

    public ConnectionPool pool() { return pool; }

    public Optional<OutlierDetector> outliers() { return outliers; }

    /** The endpoints the load balancer may choose from now (outlier-ejected ones left out). */
    public List<Pod> healthy(List<Pod> endpoints) {
        return outliers.map(o -> o.available(endpoints)).orElse(endpoints);
    }

    /**
     * Envoy's chooseHost with the retry host predicate: with {@code avoidAttempted}, a host already tried is
     * re-drawn up to {@code maxAttempts} times, then the last draw is kept. {@code healthy} is not empty;
     * {@code random} is the request's own generator.
     */
    public Pod choose(List<Pod> healthy, OptionalLong hash, Set<String> attempted, boolean avoidAttempted, int maxAttempts,
                      RandomGenerator random) {
        Pod host = null;
        for (int i = 0; i <= maxAttempts; i++) {
            host = balancer.pick(healthy, hash, this::inFlight, random);
            if (!avoidAttempted || !attempted.contains(host.name())) return host;
        }
        return host;
    }

    public void started(Pod pod) { counter(pod).incrementAndGet(); }

    public void finished(Pod pod) { counter(pod).decrementAndGet(); }

    public void record(Pod pod, int status) { outliers.ifPresent(o -> o.record(pod, status)); }

    public int inFlight(Pod pod) { return counter(pod).get(); }

    private AtomicInteger counter(Pod pod) { return active.computeIfAbsent(pod.name(), k -> new AtomicInteger()); }
}
