package workbench.telemetry;

import java.util.Map;
import java.util.TreeMap;

/**
 * A cumulative histogram read back from {@code _bucket} samples (upper bound → count of observations at or
 * below it, {@code +Inf} holding the total), with the quantile Prometheus' {@code histogram_quantile} computes:
 * find the bucket the rank falls in and interpolate linearly inside it, the lowest bucket starting at 0; a rank
 * in the {@code +Inf} bucket answers the highest finite bound (promql/quantile.go, bucketQuantile).
 */
public record Histogram(TreeMap<Double, Double> cumulative) {

    public static Histogram of(Map<Double, Double> cumulative) { return new Histogram(new TreeMap<>(cumulative)); }

    public double count() { return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue(); }

    /** NaN when there are no observations, as Prometheus returns. */
    public double quantile(double q) {
        double total = count();
        if (total == 0 || cumulative.size() < 2) return Double.NaN;
        double rank = q * total;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> b : cumulative.entrySet()) {
            if (b.getValue() >= rank) {
                if (b.getKey().isInfinite()) return cumulative.lowerKey(b.getKey());
                double inBucket = b.getValue() - lowerCount;
                if (inBucket == 0) return b.getKey();
                return lowerBound + (b.getKey() - lowerBound) * ((rank - lowerCount) / inBucket);
            }
            lowerBound = b.getKey();
            lowerCount = b.getValue();
        }
        return cumulative.lastKey();
    }
}
