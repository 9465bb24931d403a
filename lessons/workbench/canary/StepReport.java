package workbench.canary;

import java.util.List;

/**
 * One analysis interval as reported: the canary weight it ran at, the requests the generator sent, what the gates
 * measured and said, the decision, and the failed checks so far; {@code routeFile} names the file of the VirtualService in force.
 */
public record StepReport(int interval, int canaryWeight, int requests, Interval measured, List<Gate> gates,
                         Decision decision, int failedChecks, String routeFile) {
    public boolean passed() { return gates.stream().allMatch(Gate::passed); }
}
