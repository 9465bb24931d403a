package workbench.lesson;

import java.util.List;
import workbench.canary.Phase;

/**
 * A canary analysis as a lesson step runs it: service, stable and canary subsets, step weights, failed-check
 * threshold, the gates' limits, and the outcome the lesson claims (the step's check). The VirtualService for each
 * weight is the lesson's manifest {@code <service>-canary-<weight>.yaml}.
 */
public record CanaryPlan(String service, String stable, String canary, List<Integer> steps, int threshold,
                         double minSuccessPercent, double maxP99Ms, Phase expected) {
    /** Flagger's own example limits (docs.flagger.app, "How it works"): 99% non-5xx, P99 at most 500 ms. */
    public static CanaryPlan expectPromotion(String service, String stable, String canary, List<Integer> steps) {
        return new CanaryPlan(service, stable, canary, steps, 2, 99, 500, Phase.SUCCEEDED);
    }

    public static CanaryPlan expectRollback(String service, String stable, String canary, List<Integer> steps) {
        return new CanaryPlan(service, stable, canary, steps, 2, 99, 500, Phase.FAILED);
    }

    /** The analysis interval on the embedded mesh: a number of requests (simulated minutes would only make the reader wait). */
    static final int REQUESTS_PER_INTERVAL = 100;

    String routeFile(int weight) { return service + "-canary-" + weight + ".yaml"; }
}
