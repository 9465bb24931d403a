package workbench.canary;

/** What one analysis interval decides after its checks. */
public enum Decision {
    /** Checks passed: go to the next step's weight. */
    ADVANCE,
    /** A check failed, the threshold is not reached: keep the weight, count the failure. */
    HOLD,
    /** Checks passed at the last step: route everything to the canary. */
    PROMOTE,
    /** failedChecks reached the threshold: route everything back to stable. */
    ROLLBACK;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
