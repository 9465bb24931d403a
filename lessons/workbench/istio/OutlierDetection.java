package workbench.istio;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import workbench.manifest.Field;

/**
 * {@code trafficPolicy.outlierDetection}. Absent counts keep Envoy's defaults (5 consecutive 5xx enforced,
 * gateway errors not enforced); an explicit 0 disables that check (cluster_traffic_policy.go applyOutlierDetection).
 * The deprecated {@code consecutiveErrors} is ignored, as pilot ignores it.
 */
public record OutlierDetection(OptionalInt consecutive5xxErrors, OptionalInt consecutiveGatewayErrors,
                               Optional<Duration> interval, Optional<Duration> baseEjectionTime,
                               int maxEjectionPercent, int minHealthPercent) {

    static OutlierDetection read(Field f) {
        return new OutlierDetection(
                f.has("consecutive5xxErrors") ? OptionalInt.of((int) f.get("consecutive5xxErrors").integer()) : OptionalInt.empty(),
                f.has("consecutiveGatewayErrors") ? OptionalInt.of((int) f.get("consecutiveGatewayErrors").integer()) : OptionalInt.empty(),
                f.has("interval") ? Optional.of(Durations.read(f.get("interval"))) : Optional.empty(),
                f.has("baseEjectionTime") ? Optional.of(Durations.read(f.get("baseEjectionTime"))) : Optional.empty(),
                (int) f.optInteger("maxEjectionPercent").orElse(0L).longValue(),
                (int) f.optInteger("minHealthPercent").orElse(0L).longValue());
    }
}
