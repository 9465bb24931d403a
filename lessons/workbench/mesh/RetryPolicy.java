package workbench.mesh;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import workbench.istio.HttpRetry;

/**
 * The Envoy retry policy of a route (pilot/pkg/networking/core/route/retry/retry.go ConvertPolicy) and its
 * decisions (Envoy retry_state_impl.cc wouldRetryFromHeaders / wouldRetryFromReset).
 * <ul>
 * <li>No {@code retries}: 2 retries on {@code connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes}
 *     with no status codes, so an application's plain 503 is not retried; previous_hosts predicate.</li>
 * <li>{@code attempts <= 0}: no retry policy at all.</li>
 * <li>Otherwise the default with NumRetries = attempts; a retryOn replaces the conditions, numbers in it become
 *     retriable status codes (adding {@code retriable-status-codes}); perTryTimeout, backoff (base interval,
 *     Envoy's default 25 ms) and retryIgnorePreviousHosts are copied. A route whose single destination uses
 *     consistent hashing gets no previous_hosts predicate unless retryIgnorePreviousHosts is true.</li>
 * </ul>
 */
public record RetryPolicy(int numRetries, Set<String> retryOn, Set<Integer> statusCodes, Optional<Duration> perTryTimeout,
                          boolean previousHosts, Duration backoffBase, int hostSelectionMaxAttempts) {

    public static final String DEFAULT_RETRY_ON = "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes";
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(25);

    /** The route carries no retry policy (attempts: 0). */
    public static final RetryPolicy NONE = new RetryPolicy(0, Set.of(), Set.of(), Optional.empty(), false, DEFAULT_BACKOFF, 1);

    private static final RetryPolicy DEFAULTS = new RetryPolicy(2, tokens(DEFAULT_RETRY_ON), Set.of(), Optional.empty(), true, DEFAULT_BACKOFF, 5);
    private static final RetryPolicy DEFAULTS_HASHED = new RetryPolicy(2, tokens(DEFAULT_RETRY_ON), Set.of(), Optional.empty(), false, DEFAULT_BACKOFF, 5);

    /** Istio's policy for a route without {@code retries}; built once, since every request of such a route needs it. */
    public static RetryPolicy defaults(boolean consistentHash) {
        return consistentHash ? DEFAULTS_HASHED : DEFAULTS;
    }

    public static RetryPolicy from(Optional<HttpRetry> retries, boolean consistentHash) {
        RetryPolicy base = defaults(consistentHash);
        if (retries.isEmpty()) return base;
        HttpRetry in = retries.get();
        if (in.attempts() <= 0) return NONE;
        Set<String> on = base.retryOn();
        Set<Integer> codes = Set.of();
        if (in.retryOn().isPresent() && !in.retryOn().get().isEmpty()) {
            Set<String> words = new LinkedHashSet<>();
            Set<Integer> numbers = new LinkedHashSet<>();
            for (String part : in.retryOn().get().split(",")) {
                String p = part.trim();
                if (p.isEmpty()) continue;
                if (p.matches("\\d{3}") && Integer.parseInt(p) >= 100 && Integer.parseInt(p) <= 599) numbers.add(Integer.parseInt(p));
                else words.add(p);
            }
            if (!numbers.isEmpty()) words.add("retriable-status-codes");
            on = Set.copyOf(words);
            codes = Set.copyOf(numbers);
        }
        boolean previous = in.retryIgnorePreviousHosts().orElse(base.previousHosts());
        return new RetryPolicy(in.attempts(), on, codes, in.perTryTimeout(), previous,
                in.backoff().orElse(DEFAULT_BACKOFF), 5);
    }

    public boolean enabled() { return numRetries > 0; }

    /** Envoy's wouldRetryFromHeaders for one upstream response. */
    public boolean retriable(MeshResponse response) {
        if (!enabled()) return false;
        if (header(response, "x-envoy-ratelimited") != null) return retryOn.contains("envoy-ratelimited");
        int status = response.status();
        if (retryOn.contains("5xx") && status >= 500 && status < 600) return true;
        if (retryOn.contains("gateway-error") && (status == 502 || status == 503 || status == 504)) return true;
        if (retryOn.contains("retriable-4xx") && status == 409) return true;
        if (retryOn.contains("retriable-status-codes") && statusCodes.contains(status)) return true;
        String grpc = header(response, "grpc-status");
        if (grpc != null) {
            return switch (grpc.trim()) {
                case "1" -> retryOn.contains("cancelled");
                case "4" -> retryOn.contains("deadline-exceeded");
                case "8" -> retryOn.contains("resource-exhausted");
                case "13" -> retryOn.contains("internal");
                case "14" -> retryOn.contains("unavailable");
                default -> false;
            };
        }
        return false;
    }

    /** Envoy's wouldRetryFromReset; a per-try timeout is a local reset after the request was sent. */
    public boolean retriable(ResetReason reason, boolean requestStarted) {
        if (!enabled() || reason == ResetReason.OVERFLOW) return false;
        if (reason.isConnectFailure() && retryOn.contains("connect-failure")) return true;
        if (retryOn.contains("reset-before-request") && !requestStarted) return true;
        if (retryOn.contains("reset")) return true;
        if (retryOn.contains("5xx") || retryOn.contains("gateway-error")) return true;
        return retryOn.contains("refused-stream") && reason == ResetReason.REMOTE_REFUSED_STREAM_RESET;
    }

    /** Envoy's finalTimeout: a per-try timeout at or above the (non-zero) route timeout is ignored. */
    public Optional<Duration> effectivePerTryTimeout(Optional<Duration> routeTimeout) {
        if (perTryTimeout.isEmpty() || perTryTimeout.get().isZero()) return Optional.empty();
        if (routeTimeout.isPresent() && !routeTimeout.get().isZero() && perTryTimeout.get().compareTo(routeTimeout.get()) >= 0) {
            return Optional.empty();
        }
        return perTryTimeout;
    }

    private static String header(MeshResponse r, String name) {
        for (var e : r.headers().entrySet()) if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
        return null;
    }

    private static Set<String> tokens(String csv) { return Set.copyOf(List.of(csv.split(","))); }
}
