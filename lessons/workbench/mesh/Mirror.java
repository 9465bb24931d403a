package workbench.mesh;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Request mirroring (Envoy shadow policies as pilot writes them): a fire-and-forget copy of the forwarded
 * request (after rewrites and header edits) to the mirror cluster, sent when the request is sent, with the
 * route timeout and no retries; its response is ignored. Istio 1.28 sets disable_shadow_host_suffix_append
 * (pilot env DISABLE_SHADOW_HOST_SUFFIX defaults to true), so the copy keeps the original Host, with no
 * {@code -shadow} suffix. One per mesh: closing the mesh stops its senders.
 */
final class Mirror implements AutoCloseable {
    private final ExecutorService senders = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mesh-mirror");
        t.setDaemon(true);
        return t;
    });
    private final Upstream upstream;

    Mirror(Upstream upstream) { this.upstream = upstream; }

    /**
     * The mirror host is drawn here, on the caller's thread, from the request's own generator, so a seeded run
     * makes the same draws every time; only the sending happens in the background.
     */
    void fire(Pod caller, ClusterState state, Cluster cluster, MeshRequest request, Optional<Duration> timeout, RandomGenerator random) {
        List<Pod> healthy = state.healthy(cluster.endpoints());
        if (healthy.isEmpty()) return;
        Pod host = state.choose(healthy, OptionalLong.empty(), new HashSet<>(), false, 0, random);
        Duration limit = timeout.filter(d -> !d.isZero()).orElse(null);
        long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
        try {
            senders.execute(() -> send(caller, state, host, request, limit, deadline));
        } catch (RejectedExecutionException e) {
            // the mesh is closing: the copy is dropped, as a shadow is when its cluster goes away
        }
    }

    private void send(Pod caller, ClusterState state, Pod host, MeshRequest request, Duration limit, long deadline) {
        try (ConnectionPool.Lease lease = state.pool().acquire(host.name(), deadline)) {
            state.started(host);
            try {
                MeshResponse r = upstream.send(caller, host, request, limit);
                state.record(host, r.status());
            } catch (java.net.http.HttpTimeoutException | java.net.SocketTimeoutException e) {
                state.record(host, 504);
            } catch (java.io.IOException e) {
                state.record(host, 503);
            } finally {
                state.finished(host);
            }
        } catch (ConnectionPool.Overflow | ConnectionPool.PendingTimeout e) {
            // dropped, as Envoy drops a shadow that overflows
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the senders; copies still in flight are abandoned, as a closing Envoy abandons them. */
    @Override
    public void close() {
        senders.shutdownNow();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
