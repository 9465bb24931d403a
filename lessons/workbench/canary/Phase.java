package workbench.canary;

/** Flagger's canary phases that this analysis goes through (flagger.app/v1beta1 CanaryPhase). */
public enum Phase {
    /** Traffic is being shifted step by step while the checks run. */
    PROGRESSING,
    /** Every step passed: all traffic goes to the canary. */
    SUCCEEDED,
    /** failedChecks reached the threshold: all traffic went back to the stable version. */
    FAILED;

    public String label() { return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT); }
}
