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
 * hops to endpoints of the chosen cluster. All randomness comes from the seed: one stream for routing draws
 * (weights, faults, mirrors), one for load balancing, one for request IDs and one for retry backoff, so that
 * concurrent callers cannot shift one kind of draw onto another.
 */
public final class Sidecar implements Outbound {
    private final Pod pod;
    private final Mesh mesh;
    private final Upstream upstream;
    private final RandomGenerator routing;
    private final RandomGenerator balancing;
    private final RandomGenerator ids;
    private final Retrier retrier;
    private final LongSupplier clock = System::nanoTime;
    private final Map<String, ClusterState> clusters = new ConcurrentHashMap<>();

    Sidecar(Pod pod, Mesh mesh, Upstream upstream, long seed) {
        this.pod = pod;
        this.mesh = mesh;
        this.upstream = upstream;
        SplittableRandom root = new SplittableRandom(seed);
        this.routing = root.split();
        this.balancing = root.split();
        this.ids = root.split();
        this.retrier = new Retrier(pod, upstream, root.split(), clock);
    }

    public Pod pod() { return pod; }

    /** This sidecar's state for a cluster, as built by the traffic policy in force (for tests and diagnostics). */
    public java.util.Optional<ClusterState> cluster(String name) { return java.util.Optional.ofNullable(clusters.get(name)); }

    @Override
    public MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
        long start = clock.getAsLong();
        Report report = new Report();
        // the request id first, so the CLIENT span carries it as its guid:x-request-id tag, as Envoy's does
        MeshTracing.Open span = mesh.tracing().open(RequestIds.ensure(request, ids));
        MeshResponse response;
        try {
            response = route(span.request(), timeout, report);
        } catch (IOException e) {
            if (report.service != null) {
                mesh.telemetry().source(pod, report.service, report.host, 0, report.flags("DC"), start);
                mesh.tracing().close(span, Span.CLIENT, pod, report.service, report.cluster, 0, report.flags("DC"));
            }
            throw e;
        }
        String flags = report.flags(localReplyFlag(report, response));
        mesh.telemetry().source(pod, report.service, report.host, response.status(), flags, start);
        mesh.tracing().close(span, Span.CLIENT, pod, report.service, report.cluster, response.status(), flags);
        return response;
    }

    /** What this sidecar learns about a request for its {@code reporter="source"} metrics. */
    private static final class Report {
        String service;
        Pod host;
        String cluster = "-"; // the Envoy cluster the route chose, for the span's upstream_cluster tag
        String injected = "";  // Envoy's flags for an injected delay (DI) and abort (FI)
        String localReply = ""; // NR, NC, UH: Envoy answered before any host was chosen

        /** Envoy's response_flags, in its order (UH, UT, UF, UC, UO, NR, DI, FI, URX, NC), "-" when none. */
        String flags(String fromTries) {
            java.util.List<String> all = new java.util.ArrayList<>();
            for (String f : new String[] {localReply.equals("UH") ? "UH" : "", fromTries, localReply.equals("NR") ? "NR" : "",
                    injected, localReply.equals("NC") ? "NC" : ""}) {
                if (!f.isEmpty() && !f.equals("-")) all.add(f);
            }
            return all.isEmpty() ? "-" : String.join(",", all);
        }
    }

    /** The flag of a reply the router made after its tries: timeout, no healthy host, overflow, or a reset. */
    private static String localReplyFlag(Report report, MeshResponse response) {
        if (report.host == null) return "";
        String body = response.body();
        if (response.status() == 504 && body.equals(Retrier.TIMEOUT_BODY)) return "UT";
        if (response.status() == 503 && body.equals(Retrier.NO_HEALTHY_UPSTREAM)) return "UH";
        if ("true".equals(response.headers().get("x-envoy-overloaded"))) return "UO";
        if (response.status() == 503 && body.startsWith(Retrier.RESET_PREFIX)) {
            String flag = body.contains("connection failure") ? "UF" : "UC";
            return body.contains("retried and the latest") ? flag + ",URX" : flag;
        }
        return "";
    }

    private MeshResponse route(MeshRequest request, Duration timeout, Report report) throws IOException {
        long appDeadline = timeout == null || timeout.isZero() ? Long.MAX_VALUE : clock.getAsLong() + timeout.toNanos();
        MeshRequest outgoing = RequestIds.ensure(request, ids);
        RouteDecision decision;
        synchronized (routing) { // one draw sequence per sidecar, so a seed replays the same split
            decision = Router.route(mesh.config(), mesh.registry(), pod, outgoing, routing);
        }
        if (decision instanceof RouteDecision.Unresolved u) throw new UnknownHostException(u.host());
        report.service = mesh.telemetry().serviceOf(pod, outgoing);
        if (decision instanceof RouteDecision.LocalReply reply) {
            if (!reply.delay().isZero()) report.injected = "DI";
            if (reply.reason().startsWith("FI ")) report.injected = report.injected.isEmpty() ? "FI" : "DI,FI";
            for (String code : new String[] {"NR", "NC", "UH"}) if (reply.reason().startsWith(code + " ")) report.localReply = code;
            delay(reply.delay(), appDeadline);
            return reply.response();
        }
        RouteDecision.Forward forward = (RouteDecision.Forward) decision;
        report.service = forward.service().fqdn();
        report.cluster = forward.cluster().name();
        if (!forward.faultDelay().isZero()) report.injected = "DI";
        delay(forward.faultDelay(), appDeadline);
        for (Cluster mirror : forward.mirrors()) {
            Mirror.fire(pod, state(mirror), mirror, forward.request(), forward.timeout(), upstream);
        }
        return retrier.execute(forward, state(forward.cluster()), appDeadline, host -> report.host = host);
    }

    private ClusterState state(Cluster cluster) {
        return clusters.compute(cluster.name(), (name, old) ->
                old != null && old.policy().equals(cluster.policy()) ? old : new ClusterState(name, cluster.policy(), balancing, clock));
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
