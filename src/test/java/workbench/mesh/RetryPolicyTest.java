package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.istio.HttpRetry;

/**
 * Which outcomes a route's retry policy retries: retry.go ConvertPolicy builds the policy, Envoy
 * retry_state_impl.cc wouldRetryFromHeaders / wouldRetryFromReset decide.
 */
class RetryPolicyTest {

    static RetryPolicy retryOn(String retryOn) {
        return RetryPolicy.from(Optional.of(new HttpRetry(2, Optional.empty(), Optional.of(retryOn), Optional.empty(), Optional.empty())), false);
    }

    static MeshResponse status(int code) { return new MeshResponse(code, Map.of(), ""); }

    static Stream<Arguments> responses() {
        RetryPolicy defaults = RetryPolicy.defaults(false);
        return Stream.of(
            // istio-facts §3: "an application's 503 is not retried by default" (retriable-status-codes with no codes)
            Arguments.of("default: an app's 503 is returned", defaults, status(503), false),
            Arguments.of("default: grpc UNAVAILABLE is retried", defaults, new MeshResponse(200, Map.of("grpc-status", "14"), ""), true),
            Arguments.of("default: grpc CANCELLED is retried", defaults, new MeshResponse(200, Map.of("grpc-status", "1"), ""), true),
            Arguments.of("5xx: 500", retryOn("5xx"), status(500), true),
            Arguments.of("5xx: 404 is not", retryOn("5xx"), status(404), false),
            Arguments.of("gateway-error: 503", retryOn("gateway-error"), status(503), true),
            Arguments.of("gateway-error: 500 is not", retryOn("gateway-error"), status(500), false),
            Arguments.of("retriable-4xx: 409 only", retryOn("retriable-4xx"), status(409), true),
            Arguments.of("numeric code: 503", retryOn("503"), status(503), true),
            Arguments.of("numeric code: 500 is not", retryOn("503"), status(500), false),
            // wouldRetryFromHeaders: x-envoy-ratelimited only with envoy-ratelimited
            Arguments.of("rate limited is not retried on 5xx", retryOn("5xx"),
                    new MeshResponse(503, Map.of("x-envoy-ratelimited", "true"), ""), false),
            Arguments.of("rate limited with envoy-ratelimited", retryOn("envoy-ratelimited"),
                    new MeshResponse(429, Map.of("x-envoy-ratelimited", "true"), ""), true),
            Arguments.of("attempts 0: nothing", RetryPolicy.NONE, status(503), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void responses(String name, RetryPolicy policy, MeshResponse response, boolean retried) {
        assertThat(policy.retriable(response)).isEqualTo(retried);
    }

    static Stream<Arguments> resets() {
        return Stream.of(
            Arguments.of("default: refused connection", RetryPolicy.defaults(false), ResetReason.REMOTE_CONNECTION_FAILURE, false, true),
            Arguments.of("default: connection closed mid-request", RetryPolicy.defaults(false), ResetReason.CONNECTION_TERMINATION, true, false),
            // a per-try timeout is a LocalReset after the request went out (router.cc onPerTryTimeoutCommon)
            Arguments.of("default: per-try timeout", RetryPolicy.defaults(false), ResetReason.LOCAL_RESET, true, false),
            Arguments.of("5xx: per-try timeout", retryOn("5xx"), ResetReason.LOCAL_RESET, true, true),
            Arguments.of("gateway-error: per-try timeout", retryOn("gateway-error"), ResetReason.LOCAL_RESET, true, true),
            Arguments.of("reset: connection closed", retryOn("reset"), ResetReason.CONNECTION_TERMINATION, true, true),
            Arguments.of("connect-failure: per-try timeout is not one", retryOn("connect-failure"), ResetReason.LOCAL_RESET, true, false),
            Arguments.of("reset-before-request: before sending", retryOn("reset-before-request"), ResetReason.CONNECTION_TERMINATION, false, true),
            Arguments.of("reset-before-request: after sending", retryOn("reset-before-request"), ResetReason.CONNECTION_TERMINATION, true, false),
            Arguments.of("overflow is never retried", retryOn("5xx,reset,connect-failure"), ResetReason.OVERFLOW, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resets")
    void resets(String name, RetryPolicy policy, ResetReason reason, boolean started, boolean retried) {
        assertThat(policy.retriable(reason, started)).isEqualTo(retried);
    }

    @Test
    void perTryTimeoutAtOrAboveTheRouteTimeoutIsIgnored() {
        // router.cc finalTimeout: "if it's >= global we just ignore it"
        RetryPolicy p = RetryPolicy.from(Optional.of(new HttpRetry(3, Optional.of(Duration.ofSeconds(2)), Optional.empty(),
                Optional.empty(), Optional.empty())), false);
        assertThat(p.effectivePerTryTimeout(Optional.of(Duration.ofSeconds(1)))).isEmpty();
        assertThat(p.effectivePerTryTimeout(Optional.of(Duration.ofSeconds(2)))).isEmpty();
        assertThat(p.effectivePerTryTimeout(Optional.of(Duration.ofSeconds(5)))).contains(Duration.ofSeconds(2));
        assertThat(p.effectivePerTryTimeout(Optional.empty())).contains(Duration.ofSeconds(2));
    }

    @Test
    void retryIgnorePreviousHostsFalseDropsThePredicateAndTrueRestoresIt() {
        HttpRetry off = new HttpRetry(2, Optional.empty(), Optional.empty(), Optional.of(false), Optional.empty());
        HttpRetry on = new HttpRetry(2, Optional.empty(), Optional.empty(), Optional.of(true), Optional.empty());
        assertThat(RetryPolicy.from(Optional.of(off), false).previousHosts()).isFalse();
        assertThat(RetryPolicy.from(Optional.of(on), true).previousHosts()).isTrue();
        assertThat(RetryPolicy.from(Optional.empty(), true).previousHosts()).isFalse();
    }

    @Test
    void backoffIsCopiedAndDefaultsTo25ms() {
        assertThat(RetryPolicy.defaults(false).backoffBase()).isEqualTo(Duration.ofMillis(25));
        HttpRetry b = new HttpRetry(2, Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(Duration.ofMillis(100)));
        assertThat(RetryPolicy.from(Optional.of(b), false).backoffBase()).isEqualTo(Duration.ofMillis(100));
    }
}
