package workbench.mesh;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;
import workbench.istio.LoadBalancerSettings;

/**
 * Picks one endpoint of a cluster among its healthy hosts. Which algorithm a cluster uses follows pilot's
 * cluster_traffic_policy.go applyLoadBalancer: LEAST_REQUEST by default (also for UNSPECIFIED and LEAST_CONN),
 * ROUND_ROBIN, RANDOM, and RING_HASH whenever a consistentHash is set (PASSTHROUGH is not modelled: random).
 */
public interface LoadBalancer {

    /** {@code hosts} is not empty; {@code active} counts requests in flight per host; {@code hash} is the request's key. */
    Pod pick(List<Pod> hosts, OptionalLong hash, ToIntFunction<Pod> active, RandomGenerator random);

    static LoadBalancer forPolicy(Optional<LoadBalancerSettings> settings) {
        if (settings.isPresent() && settings.get().consistentHash().isPresent()) {
            long ring = settings.get().consistentHash().get().minimumRingSize();
            return new RingHashBalancer(ring > 0 ? ring : RingHashBalancer.DEFAULT_MINIMUM_RING_SIZE);
        }
        LoadBalancerSettings.Simple simple = settings.map(LoadBalancerSettings::simple).orElse(LoadBalancerSettings.Simple.UNSPECIFIED);
        return switch (simple) {
            case ROUND_ROBIN -> new RoundRobinBalancer();
            case RANDOM, PASSTHROUGH -> new RandomBalancer();
            case UNSPECIFIED, LEAST_CONN, LEAST_REQUEST -> new LeastRequestBalancer();
        };
    }
}
