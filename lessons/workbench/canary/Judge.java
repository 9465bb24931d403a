package workbench.canary;

import java.util.List;
import java.util.Locale;

/** Runs the four gates of {@link Criteria} on one {@link Interval}. No data fails a gate, as in Flagger. */
public final class Judge {
    private final Criteria criteria;

    public Judge(Criteria criteria) { this.criteria = criteria; }

    public List<Gate> gates(Interval in) {
        return List.of(successRate(in), duration(in), errorsVsStable(in), latencyVsStable(in));
    }

    private Gate successRate(Interval in) {
        if (in.canaryRequests() == 0) return new Gate(Gate.SUCCESS_RATE, false, "no data: the canary served no request");
        double rate = in.canarySuccessPercent();
        return new Gate(Gate.SUCCESS_RATE, rate >= criteria.minSuccessPercent(),
                fmt("%.2f%% ≥ %s%%", rate, num(criteria.minSuccessPercent())).replace("≥", rate >= criteria.minSuccessPercent() ? "≥" : "<"));
    }

    private Gate duration(Interval in) {
        if (in.canaryRequests() == 0 || Double.isNaN(in.canaryP99())) return new Gate(Gate.DURATION, false, "no data: no canary durations");
        boolean ok = in.canaryP99() <= criteria.maxP99Ms();
        return new Gate(Gate.DURATION, ok, fmt("P99 %.1f ms %s %s ms", in.canaryP99(), ok ? "≤" : ">", num(criteria.maxP99Ms())));
    }

    private Gate errorsVsStable(Interval in) {
        if (in.canaryRequests() == 0 || in.stableRequests() == 0) return new Gate(Gate.ERRORS_VS_STABLE, false, "no data on one side");
        double p = CompareTests.fisherCanaryWorse(in.canaryErrors(), in.canaryRequests(), in.stableErrors(), in.stableRequests());
        boolean ok = p >= criteria.alpha();
        return new Gate(Gate.ERRORS_VS_STABLE, ok, fmt("5xx %d/%d vs %d/%d, Fisher p=%.3g %s α=%s", in.canaryErrors(), in.canaryRequests(),
                in.stableErrors(), in.stableRequests(), p, ok ? "≥" : "<", num(criteria.alpha())));
    }

    private Gate latencyVsStable(Interval in) {
        if (in.canaryLatencies().length == 0 || in.stableLatencies().length == 0) {
            return new Gate(Gate.LATENCY_VS_STABLE, false, "no data: the generator saw no page from one side");
        }
        double p = CompareTests.mannWhitneyCanarySlower(in.canaryLatencies(), in.stableLatencies());
        double canaryMedian = Interval.median(in.canaryLatencies());
        double stableMedian = Interval.median(in.stableLatencies());
        double slower = canaryMedian - stableMedian;
        boolean ok = p >= criteria.alpha() || slower <= criteria.latencyToleranceMs();
        return new Gate(Gate.LATENCY_VS_STABLE, ok, fmt("median %.1f vs %.1f ms (%+.1f ms, tolerance %s ms), Mann–Whitney p=%.3g",
                canaryMedian, stableMedian, slower, num(criteria.latencyToleranceMs()), p));
    }

    private static String fmt(String f, Object... args) { return String.format(Locale.ROOT, f, args); }

    public static String num(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }
}
