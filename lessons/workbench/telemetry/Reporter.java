package workbench.telemetry;

/** Which sidecar reported a request: the caller's ({@code source}) or the callee's ({@code destination}). */
public enum Reporter {
    SOURCE, DESTINATION;

    public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
