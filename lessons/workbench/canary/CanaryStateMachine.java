package workbench.canary;

import java.util.List;

/**
 * Flagger's canary analysis as a state machine, nothing else (docs.flagger.app, "Deployment Strategies" → Canary
 * Release, and "Canary analysis"): the canary gets the first of {@code stepWeights}; each interval the metric checks
 * run; when they pass the weight advances to the next step, and after the last step the canary is promoted; when
 * any fails the weight is held and {@code failedChecks} is incremented; the count is never reset during a run, and
 * when it reaches {@code threshold} the canary is rolled back (stable 100%, phase Failed). A check without data fails.
 */
public final class CanaryStateMachine {
    private final List<Integer> stepWeights;
    private final int threshold;
    private int step;
    private int failedChecks;
    private Phase phase = Phase.PROGRESSING;

    public CanaryStateMachine(List<Integer> stepWeights, int threshold) {
        if (stepWeights.isEmpty()) throw new IllegalArgumentException("no step weights");
        if (threshold < 1) throw new IllegalArgumentException("threshold " + threshold + " < 1");
        this.stepWeights = List.copyOf(stepWeights);
        this.threshold = threshold;
    }

    /** The canary's share of traffic now, in percent. */
    public int canaryWeight() {
        return switch (phase) {
            case PROGRESSING -> stepWeights.get(step);
            case SUCCEEDED -> 100;
            case FAILED -> 0;
        };
    }

    public int failedChecks() { return failedChecks; }

    public Phase phase() { return phase; }

    /** One interval's outcome: {@code passed} is false when any check failed or had no data. */
    public Decision checked(boolean passed) {
        if (phase != Phase.PROGRESSING) throw new IllegalStateException("the analysis already ended: " + phase.label());
        if (!passed) {
            failedChecks++;
            if (failedChecks >= threshold) {
                phase = Phase.FAILED;
                return Decision.ROLLBACK;
            }
            return Decision.HOLD;
        }
        if (step == stepWeights.size() - 1) {
            phase = Phase.SUCCEEDED;
            return Decision.PROMOTE;
        }
        step++;
        return Decision.ADVANCE;
    }
}
