package workbench.mesh;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/** Envoy's RANDOM: a uniformly drawn healthy host. */
public final class RandomBalancer implements LoadBalancer {
    @Override
    public Pod pick(List<Pod> hosts, OptionalLong hash, ToIntFunction<Pod> active, RandomGenerator random) {
        return hosts.get(random.nextInt(hosts.size()));
    }
}
