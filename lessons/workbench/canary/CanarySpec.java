package workbench.canary;

import java.util.List;

/**
 * What to analyse: the service, its stable and canary subsets (DestinationRule subsets), the step weights, the
 * threshold of failed checks, and the interval: on the embedded mesh a number of requests per check (simulated
 * minutes would only make the reader wait), on clusters the same requests spread evenly over {@code interval} of real time.
 */
public record CanarySpec(String service, String stable, String canary, List<Integer> steps, int threshold,
                         int requestsPerInterval, int concurrency, java.time.Duration interval) {
    /**
     * The load tester's parallel callers unless told otherwise (Flagger's examples run {@code hey -c N} from the loadtester).
     * Its pages wait on the network, not the CPU, so more callers than a bulk check's keep one deliberately slow page from
     * holding up the rest of the interval.
     */
    public static final int LOAD_CALLERS = 10;

    public CanarySpec {
        steps = List.copyOf(steps);
    }

    /** An interval counted in requests only, as on the embedded mesh. */
    public CanarySpec(String service, String stable, String canary, List<Integer> steps, int threshold,
                      int requestsPerInterval, int concurrency) {
        this(service, stable, canary, steps, threshold, requestsPerInterval, concurrency, java.time.Duration.ZERO);
    }
}
