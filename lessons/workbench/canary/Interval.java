package workbench.canary;

import java.util.Arrays;

/**
 * What one analysis interval measured. Request counts and the P99 come from the callee's sidecars
 * ({@code reporter="destination"}): the canary's own traffic and the stable version's. The per-request latencies
 * come from the traffic generator, which times each page and reads from the page which version served it: Istio's
 * histogram only keeps bucket counts, and with Envoy's coarse buckets (1, 5, 10, 25 ms, ...) most requests would tie.
 */
public record Interval(long canaryRequests, long canaryErrors, double canaryP99, long stableRequests, long stableErrors,
                       double stableP99, double[] canaryLatencies, double[] stableLatencies) {

    /** Percent of the canary's requests that were not 5xx; NaN without requests. */
    public double canarySuccessPercent() {
        return canaryRequests == 0 ? Double.NaN : 100.0 * (canaryRequests - canaryErrors) / canaryRequests;
    }

    static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
