package workbench.mesh;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

/**
 * Envoy's RING_HASH (what pilot configures for any consistentHash, minimum ring size 1024): every host owns
 * {@code ceil(ringSize / hosts)} points hashed from its name and an index; a request goes to the first point at
 * or after its key, wrapping around. The same key reaches the same host while the host set is unchanged, and
 * only keys near a removed host move. A request without a key gets a random one, as Envoy does.
 */
public final class RingHashBalancer implements LoadBalancer {
    public static final long DEFAULT_MINIMUM_RING_SIZE = 1024;

    private final long minimumRingSize;
    private List<Pod> ringHosts = List.of();
    private long[] points = new long[0];
    private Pod[] owners = new Pod[0];

    public RingHashBalancer(long minimumRingSize) { this.minimumRingSize = minimumRingSize; }

    @Override
    public synchronized Pod pick(List<Pod> hosts, OptionalLong hash, ToIntFunction<Pod> active, RandomGenerator random) {
        if (!hosts.equals(ringHosts)) build(hosts);
        long key = hash.isPresent() ? hash.getAsLong() : random.nextLong();
        int i = Arrays.binarySearch(points, key);
        if (i < 0) i = -i - 1;
        return owners[i == points.length ? 0 : i];
    }

    private void build(List<Pod> hosts) {
        int perHost = (int) Math.ceil((double) minimumRingSize / hosts.size());
        long[][] entries = new long[hosts.size() * perHost][];
        int n = 0;
        for (int h = 0; h < hosts.size(); h++) {
            for (int i = 0; i < perHost; i++) entries[n++] = new long[] {Hashing.hash64(hosts.get(h).name() + "_" + i), h};
        }
        Arrays.sort(entries, (a, b) -> Long.compare(a[0], b[0]));
        points = new long[n];
        owners = new Pod[n];
        for (int i = 0; i < n; i++) {
            points[i] = entries[i][0];
            owners[i] = hosts.get((int) entries[i][1]);
        }
        ringHosts = List.copyOf(hosts);
    }
}
