package workbench.mesh;

import java.io.IOException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The caller-side Envoy of one pod: gives the request an {@code x-request-id}, asks the {@link Router} for a
 * decision, serves an injected fault delay, fires the mirrors, and lets the {@link Retrier} make the real HTTP
 * hops to endpoints of the chosen cluster. All randomness comes from the seed. Each request gets its own generator,
 * split, in the order requests arrive, off this sidecar's stream for the request's authority, and makes every
 * draw from it (request ID, weights, faults, mirrors, load balancing, retry backoff). A seed then replays a
 * sequential run exactly; in a concurrent run, no request's draws can shift onto another's, and calls to one
 * service cannot take draws meant for another, so the counts per service replay too.
 */
public final class Sidecar implements Outbound {
    private final Pod pod;
    private final Mesh mesh;
    private final Upstream upstream;
    private final long seed;
    private final Map<String, SplittableRandom> streams = new ConcurrentHashMap<>();
    private final Retrier retrier;
    private final LongSupplier clock = System::nanoTime;
    private final Map<String, ClusterState> clusters = new ConcurrentHashMap<>();

    Sidecar(Pod pod, Mesh mesh, Upstream upstream, long seed) {
        this.pod = pod;
        this.mesh = mesh;
        this.upstream = upstream;
        this.seed = seed;
        this.retrier = new Retrier(pod, upstream, clock);
    }

    public Pod pod() { return pod; }

    /** This sidecar's state for a cluster, as built by the traffic policy in force (for tests and diagnostics). */
    public java.util.Optional<ClusterState> cluster(String name) { return java.util.Optional.ofNullable(clusters.get(name)); }

    @Override
    public MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
        long start = clock.getAsLong();
        SourceReport report = new SourceReport();
        MeshResponse response;
        try {
            response = route(request, timeout, report);
        } catch (IOException e) {
            if (report.service != null) mesh.telemetry().source(pod, report.service, report.host, 0, report.flags("DC"), start);
            throw e;
        }
        mesh.telemetry().source(pod, report.service, report.host, response.status(), report.flags(report.afterTries(response)), start);
        return response;
    }

    private MeshResponse route(MeshRequest request, Duration timeout, SourceReport report) throws IOException {
        long appDeadline = timeout == null || timeout.isZero() ? Long.MAX_VALUE : clock.getAsLong() + timeout.toNanos();
        RandomGenerator random = drawsFor(request.authority());
        MeshRequest outgoing = RequestIds.ensure(request, random);
        RouteDecision decision = Router.route(mesh.config(), mesh.registry(), pod, outgoing, random);
        if (decision instanceof RouteDecision.Unresolved u) throw new UnknownHostException(u.host());
        report.service = mesh.telemetry().serviceOf(pod, outgoing);
        if (decision instanceof RouteDecision.LocalReply reply) {
            report.localReply(reply);
            delay(reply.delay(), appDeadline);
            return reply.response();
        }
        RouteDecision.Forward forward = (RouteDecision.Forward) decision;
        report.forward(forward);
        delay(forward.faultDelay(), appDeadline);
        for (Cluster mirror : forward.mirrors()) {
            mesh.mirror().fire(pod, state(mirror), mirror, forward.request(), forward.timeout(), random);
        }
        return retrier.execute(forward, state(forward.cluster()), appDeadline, random, host -> report.host = host);
    }

    /** The next request's own generator from the stream for {@code authority}. */
    private RandomGenerator drawsFor(String authority) {
        SplittableRandom stream = streams.computeIfAbsent(authority, a -> new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * a.hashCode())));
        synchronized (stream) {
            return stream.split();
        }
    }

    private ClusterState state(Cluster cluster) {
        return clusters.compute(cluster.name(), (name, old) ->
                old != null && old.policy().equals(cluster.policy()) ? old : new ClusterState(name, cluster.policy(), clock));
    }

    /** An injected delay; the calling application may give up first, as its own HTTP client would. */
    private void delay(Duration delay, long appDeadline) throws IOException {
        if (delay.isZero()) return;
        long until = clock.getAsLong() + delay.toNanos();
        long wake = Math.min(until, appDeadline);
        try {
            long left;
            while ((left = wake - clock.getAsLong()) > 0) Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during an injected delay", e);
        }
        if (appDeadline < until) throw new HttpTimeoutException("request timed out");
    }
}
