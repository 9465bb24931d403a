package workbench.canary;

/**
 * What the gates demand of the canary. Flagger's two built-in metrics: {@code request-success-rate} (non-5xx, percent,
 * at least {@code minSuccessPercent}) and {@code request-duration} (P99 in ms, at most {@code maxP99Ms}). Beyond
 * Flagger, canary against stable at false-alarm rate {@code alpha} per test: errors (Fisher's exact test) and
 * latency (Mann–Whitney U), the latter counting only a slowdown of the median by more than {@code latencyToleranceMs},
 * as Kayenta's judge ignores significant but small effects: a canary that does more work (reviews v3 calls ratings,
 * v1 does not) is measurably slower by a few milliseconds without being broken.
 */
public record Criteria(double minSuccessPercent, double maxP99Ms, double alpha, double latencyToleranceMs) {
    public static final double DEFAULT_ALPHA = 0.001;
    public static final double DEFAULT_TOLERANCE_MS = 100;

    public static Criteria of(double minSuccessPercent, double maxP99Ms) {
        return new Criteria(minSuccessPercent, maxP99Ms, DEFAULT_ALPHA, DEFAULT_TOLERANCE_MS);
    }
}
