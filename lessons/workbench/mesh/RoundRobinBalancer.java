package workbench.mesh;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Envoy's ROUND_ROBIN for equally weighted hosts: host {@code index++ % hosts}. The starting index is drawn
 * once from the seeded generator (Envoy also starts unweighted round robin at a random offset).
 */
public final class RoundRobinBalancer implements LoadBalancer {
    private long next = -1;

    @Override
    public synchronized Pod pick(List<Pod> hosts, OptionalLong hash, ToIntFunction<Pod> active, RandomGenerator random) {
        if (next < 0) next = random.nextInt(hosts.size());
        return hosts.get((int) (next++ % hosts.size()));
    }
}
