package workbench.canary;

import java.util.List;

/**
 * What to analyse: the service, its stable and canary subsets (DestinationRule subsets), the step weights, the
 * threshold of failed checks, and the interval: on the embedded mesh a number of requests per check (simulated
 * minutes would only make the reader wait), on clusters the same requests, sent over real time.
 */
public record CanarySpec(String service, String stable, String canary, List<Integer> steps, int threshold,
                         int requestsPerInterval, int concurrency) {
    public CanarySpec {
        steps = List.copyOf(steps);
    }
}
