package workbench.istio;

import java.time.Duration;
import java.util.Optional;
import workbench.manifest.Field;

/** A route's {@code retries} (HTTPRetry) as written; the mesh's RetryPolicy turns it into Envoy's policy. */
public record HttpRetry(int attempts, Optional<Duration> perTryTimeout, Optional<String> retryOn,
                        Optional<Boolean> retryIgnorePreviousHosts, Optional<Duration> backoff) {

    static HttpRetry read(Field f) {
        return new HttpRetry(
                (int) f.optInteger("attempts").orElse(0L).longValue(),
                f.has("perTryTimeout") ? Optional.of(Durations.read(f.get("perTryTimeout"))) : Optional.empty(),
                f.optText("retryOn"),
                f.has("retryIgnorePreviousHosts") ? Optional.of(f.get("retryIgnorePreviousHosts").bool()) : Optional.empty(),
                f.has("backoff") ? Optional.of(Durations.read(f.get("backoff"))) : Optional.empty());
    }
}
