package workbench.mesh;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The router's tries for one forwarded request (Envoy router.cc): pick a host, get a connection (circuit
 * breakers), send, then retry by the route's {@link RetryPolicy} with Envoy's fully jittered exponential
 * backoff (uniform in [0, base·2^n), capped at 10× base), preferring hosts not tried yet. The route timeout
 * covers every try and every backoff ({@code 504 upstream request timeout}); a per-try timeout ends one try
 * (retried on {@code 5xx}, {@code gateway-error}, {@code reset}). When the calling application's own timeout
 * runs out first, it gets the timeout exception it would get from its HTTP client.
 * <p>Local replies: no healthy host {@code 503 no healthy upstream}; overflow {@code 503 upstream connect error or
 * disconnect/reset before headers. reset reason: overflow} + {@code x-envoy-overloaded: true} (never retried);
 * a reset {@code 503 upstream connect error or disconnect/reset before headers. [retried and the latest ]reset
 * reason: ...}. Upstream responses get {@code x-envoy-upstream-service-time} and the route's response headers.
 */
final class Retrier {
    static final String TIMEOUT_BODY = "upstream request timeout";
    static final String NO_HEALTHY_UPSTREAM = "no healthy upstream";
    static final String RESET_PREFIX = "upstream connect error or disconnect/reset before headers. ";
    private static final long NONE = Long.MAX_VALUE;

    private final Pod caller;
    private final Upstream upstream;
    private final LongSupplier clock;

    Retrier(Pod caller, Upstream upstream, LongSupplier clock) {
        this.caller = caller;
        this.upstream = upstream;
        this.clock = clock;
    }

    private enum Limit { APP, ROUTE, PER_TRY }

    /**
     * The response with the access log's {@code %RESPONSE_FLAGS%} ("-" for none): UO overflow, UH no healthy
     * upstream, UF connection failure, UC connection termination, UT upstream request timeout (Envoy's
     * access-log documentation). Every outcome except UH is charged to the cluster's {@code upstream_rq_<code>}
     * stats, as Envoy's router charges upstream aborts (chargeUpstreamAbort).
     */
    record Result(MeshResponse response, String flags) {}

    /**
     * Runs the tries, drawing hosts (and backoff) from the request's own {@code random}; {@code tried} hears of
     * each host a try goes to (the last one is the destination the caller reports).
     */
    Result execute(RouteDecision.Forward f, ClusterState cluster, long appDeadline, RandomGenerator random,
                   java.util.function.Consumer<Pod> tried) throws IOException {
        Result result = route(f, cluster, appDeadline, random, tried);
        if (!result.flags().equals("UH")) cluster.charge(result.response().status());
        return result;
    }

    private static Result flagged(MeshResponse response, String flags) { return new Result(response, flags); }

    private static String flagFor(ResetReason reason) {
        return switch (reason) {
            case OVERFLOW -> "UO";
            case LOCAL_CONNECTION_FAILURE, REMOTE_CONNECTION_FAILURE, CONNECTION_TIMEOUT -> "UF";
            default -> "UC";
        };
    }

    private Result route(RouteDecision.Forward f, ClusterState cluster, long appDeadline, RandomGenerator random,
                         java.util.function.Consumer<Pod> tried) throws IOException {
        long start = clock.getAsLong();
        long routeDeadline = f.timeout().filter(d -> !d.isZero()).map(d -> start + d.toNanos()).orElse(NONE);
        Optional<Duration> perTry = f.retry().effectivePerTryTimeout(f.timeout());
        RetryPolicy policy = f.retry();
        int retriesLeft = policy.numRetries();
        long backoffInterval = Math.max(1, policy.backoffBase().toMillis());
        long backoffMax = backoffInterval * 10;
        Set<String> attempted = new HashSet<>();
        boolean retried = false;
        boolean holdingRetry = false;
        try {
            for (int attempt = 1; ; attempt++) {
                List<Pod> healthy = cluster.healthy(f.cluster().endpoints());
                if (healthy.isEmpty()) return flagged(local(503, NO_HEALTHY_UPSTREAM, Map.of()), "UH");
                Pod host = cluster.choose(healthy, f.hash().value(), attempted, policy.previousHosts(),
                        policy.hostSelectionMaxAttempts(), random);
                attempted.add(host.name());
                tried.accept(host);
                long tryStart = clock.getAsLong();
                long tryDeadline = perTry.map(d -> tryStart + d.toNanos()).orElse(NONE);
                Limit limit = Limit.APP;
                long deadline = appDeadline;
                if (routeDeadline < deadline) { limit = Limit.ROUTE; deadline = routeDeadline; }
                if (tryDeadline < deadline) { limit = Limit.PER_TRY; deadline = tryDeadline; }

                Attempt outcome;
                ConnectionPool.Lease lease;
                try {
                    lease = cluster.pool().acquire(host.name(), deadline);
                } catch (ConnectionPool.Overflow e) {
                    return flagged(local(503, RESET_PREFIX + "reset reason: overflow", Map.of("x-envoy-overloaded", "true")), "UO");
                } catch (ConnectionPool.PendingTimeout e) {
                    lease = null;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (lease == null) {
                    outcome = new Attempt.TimedOut();
                } else {
                    cluster.started(host);
                    try {
                        outcome = send(host, upstreamRequest(f, attempt, start, perTry), deadline);
                    } finally {
                        cluster.finished(host);
                        lease.close();
                    }
                }

                boolean wantRetry;
                if (outcome instanceof Attempt.Answered a) {
                    cluster.record(host, a.response().status());
                    wantRetry = policy.retriable(a.response());
                    if (!wantRetry || retriesLeft == 0) return flagged(finish(f, a.response(), start), "-");
                } else if (outcome instanceof Attempt.Reset r) {
                    cluster.record(host, 503);
                    wantRetry = policy.retriable(r.reason(), r.started());
                    if (!wantRetry || retriesLeft == 0) {
                        String body = RESET_PREFIX + (retried ? "retried and the latest " : "") + "reset reason: " + r.reason().text()
                                + (r.transportFailure().isEmpty() ? "" : ", transport failure reason: " + r.transportFailure());
                        return flagged(local(503, body, Map.of()), flagFor(r.reason()));
                    }
                } else {
                    if (limit == Limit.APP) throw new HttpTimeoutException("request timed out");
                    cluster.record(host, 504);
                    if (limit == Limit.ROUTE) return flagged(local(504, TIMEOUT_BODY, Map.of()), "UT");
                    wantRetry = policy.retriable(ResetReason.LOCAL_RESET, true);
                    if (!wantRetry || retriesLeft == 0) return flagged(local(504, TIMEOUT_BODY, Map.of()), "UT");
                }
                // Envoy's shouldRetry: count the retry, then ask the retry circuit breaker
                retriesLeft--;
                if (holdingRetry) { cluster.pool().endRetry(); holdingRetry = false; }
                if (!cluster.pool().tryStartRetry()) return giveUp(f, outcome, retried, start);
                holdingRetry = true;
                long backoff;
                backoff = Math.min(Math.floorMod(random.nextLong(), backoffInterval), backoffMax);
                backoffInterval = backoffInterval < backoffMax / 2 ? backoffInterval * 2 : backoffMax;
                long wakeUp = clock.getAsLong() + Duration.ofMillis(backoff).toNanos();
                if (!sleepUntil(Math.min(wakeUp, Math.min(routeDeadline, appDeadline)))) {
                    throw new IOException("interrupted while backing off");
                }
                long now = clock.getAsLong();
                if (now >= appDeadline && appDeadline <= routeDeadline) throw new HttpTimeoutException("request timed out");
                if (now >= routeDeadline) return flagged(local(504, TIMEOUT_BODY, Map.of()), "UT");
                retried = true;
            }
        } finally {
            if (holdingRetry) cluster.pool().endRetry();
        }
    }

    /** The retry circuit breaker said no: the last outcome stands. */
    private Result giveUp(RouteDecision.Forward f, Attempt outcome, boolean retried, long start) {
        if (outcome instanceof Attempt.Answered a) return flagged(finish(f, a.response(), start), "-");
        if (outcome instanceof Attempt.Reset r) {
            return flagged(local(503, RESET_PREFIX + (retried ? "retried and the latest " : "") + "reset reason: " + r.reason().text()
                    + (r.transportFailure().isEmpty() ? "" : ", transport failure reason: " + r.transportFailure()), Map.of()),
                    flagFor(r.reason()));
        }
        return flagged(local(504, TIMEOUT_BODY, Map.of()), "UT");
    }

    private Attempt send(Pod host, MeshRequest request, long deadline) {
        Duration timeout = null;
        if (deadline != NONE) {
            long left = deadline - clock.getAsLong();
            if (left <= 0) return new Attempt.TimedOut();
            timeout = Duration.ofNanos(left);
        }
        try {
            return new Attempt.Answered(upstream.send(caller, host, request, timeout));
        } catch (IOException e) {
            return Attempt.of(e);
        }
    }

    /**
     * The request as this try sends it: {@code x-envoy-attempt-count}, and {@code x-envoy-expected-rq-timeout-ms}
     * (the per-try timeout, else the route timeout, never past what is left of the route timeout). The first try counts
     * no time as spent: Envoy writes its header while deciding the route (router.cc FilterUtility::finalTimeout calls
     * setTimeoutHeaders with an elapsed time of 0); a retry gets what is left.
     */
    private MeshRequest upstreamRequest(RouteDecision.Forward f, int attempt, long start, Optional<Duration> perTry) {
        Map<String, String> headers = new LinkedHashMap<>(f.request().headers());
        headers.put("x-envoy-attempt-count", Integer.toString(attempt));
        long global = f.timeout().map(Duration::toMillis).orElse(0L);
        long expected = perTry.map(Duration::toMillis).orElse(0L);
        if (expected == 0) expected = global;
        if (expected > 0) {
            if (global > 0) {
                long elapsed = attempt == 1 ? 0 : Duration.ofNanos(clock.getAsLong() - start).toMillis();
                expected = elapsed >= global ? 1 : Math.min(expected, global - elapsed);
            }
            headers.put("x-envoy-expected-rq-timeout-ms", Long.toString(expected));
        } else {
            headers.remove("x-envoy-expected-rq-timeout-ms");
        }
        return f.request().withHeaders(headers);
    }

    /** An upstream response as the caller gets it: service time, a minted hash cookie, then the route's response edits. */
    private MeshResponse finish(RouteDecision.Forward f, MeshResponse response, long start) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        headers.put("x-envoy-upstream-service-time", Long.toString(Duration.ofNanos(clock.getAsLong() - start).toMillis()));
        // the HTTP connection manager overwrites the server header with its server_name, "envoy" by default
        // (Envoy docs, HTTP header manipulation: server); Istio names it "istio-envoy" on gateways only
        headers.put("server", "envoy");
        f.hash().setCookie().ifPresent(c -> headers.merge("set-cookie", c, (a, b) -> a + "," + b));
        Map<String, String> edited = headers;
        for (HeaderEditor.Level level : f.responseHeaders()) edited = HeaderEditor.apply(level, edited);
        return new MeshResponse(response.status(), edited, response.body());
    }

    static MeshResponse local(int status, String body, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (!body.isEmpty()) headers.put("content-type", "text/plain");
        headers.putAll(extra);
        return new MeshResponse(status, headers, body);
    }

    /** Sleeps until {@code deadlineNanos}; false when interrupted. */
    private boolean sleepUntil(long deadlineNanos) {
        while (true) {
            long left = deadlineNanos - clock.getAsLong();
            if (left <= 0) return true;
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
