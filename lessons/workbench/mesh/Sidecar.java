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
import workbench.tracing.Span;

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
    private final AccessLog accessLog = new AccessLog();

    /** How this Envoy picks a route: a sidecar's {@link Router}, or an ingress gateway's {@link GatewayRouter}. */
    @FunctionalInterface
    interface Routing {
        RouteDecision route(Mesh mesh, Pod pod, MeshRequest request, RandomGenerator random);
    }

    static final Routing SIDECAR = (mesh, pod, request, random) -> Router.route(mesh.config(), mesh.registry(), pod, request, random);

    private final Routing router;

    Sidecar(Pod pod, Mesh mesh, Upstream upstream, long seed) { this(pod, mesh, upstream, seed, SIDECAR); }

    Sidecar(Pod pod, Mesh mesh, Upstream upstream, long seed, Routing router) {
        this.router = router;
        this.pod = pod;
        this.mesh = mesh;
        this.upstream = upstream;
        this.seed = seed;
        this.retrier = new Retrier(pod, upstream, clock);
    }

    public Pod pod() { return pod; }

    /** This sidecar's state for a cluster, as built by the traffic policy in force (for tests and diagnostics). */
    public java.util.Optional<ClusterState> cluster(String name) { return java.util.Optional.ofNullable(clusters.get(name)); }

    /** The clusters this sidecar has sent to, by name. */
    public Map<String, ClusterState> clusters() { return Map.copyOf(clusters); }

    /** What {@code kubectl logs POD -c istio-proxy} shows of this sidecar's outbound requests. */
    public AccessLog accessLog() { return accessLog; }

    @Override
    public MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
        long start = clock.getAsLong();
        SourceReport report = new SourceReport();
        RandomGenerator random = drawsFor(request.authority());
        // as in Envoy's connection manager: the request id first, then the tracing decision, which may mark that id
        MeshTracing.Open span = mesh.tracing().open(RequestIds.ensure(request, random));
        MeshResponse response;
        try {
            response = route(span.request(), timeout, report, random);
        } catch (IOException e) {
            if (report.service != null) {
                mesh.telemetry().source(pod, report.service, report.host, 0, report.flags("DC"), start);
                mesh.tracing().close(span, Span.CLIENT, pod, report.service, report.cluster, 0, report.flags("DC"));
            }
            throw e;
        }
        String flags = report.flags(report.afterTries(response));
        mesh.telemetry().source(pod, report.service, report.host, response.status(), flags, start);
        mesh.tracing().close(span, Span.CLIENT, pod, report.service, report.cluster, response.status(), flags);
        return response;
    }

    private MeshResponse route(MeshRequest outgoing, Duration timeout, SourceReport report, RandomGenerator random) throws IOException {
        long appDeadline = timeout == null || timeout.isZero() ? Long.MAX_VALUE : clock.getAsLong() + timeout.toNanos();
        RouteDecision decision = router.route(mesh, pod, outgoing, random);
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
        java.time.Instant started = java.time.Instant.now();
        long startNanos = clock.getAsLong();
        Retrier.Result result = retrier.execute(forward, state(forward.cluster()), appDeadline, random, host -> report.host = host);
        accessLog.write(started, outgoing, result.response().status(), result.flags(),
                (clock.getAsLong() - startNanos) / 1_000_000, forward.cluster().name());
        return result.response();
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
