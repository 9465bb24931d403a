package workbench.mesh;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Envoy's LEAST_REQUEST for equally weighted hosts: "power of two choices" (choice_count 2). The first random
 * host is the candidate; the second replaces it only with strictly fewer requests in flight.
 */
public final class LeastRequestBalancer implements LoadBalancer {
    @Override
    public Pod pick(List<Pod> hosts, OptionalLong hash, ToIntFunction<Pod> active, RandomGenerator random) {
        if (hosts.size() == 1) return hosts.get(0);
        Pod candidate = hosts.get(random.nextInt(hosts.size()));
        Pod sampled = hosts.get(random.nextInt(hosts.size()));
        return active.applyAsInt(sampled) < active.applyAsInt(candidate) ? sampled : candidate;
    }
}
