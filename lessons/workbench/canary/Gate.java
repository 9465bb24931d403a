package workbench.canary;

/** One check of one interval: its name, whether it passed, and the numbers it judged, as printed. */
public record Gate(String name, boolean passed, String detail) {
    public static final String SUCCESS_RATE = "request-success-rate";
    public static final String DURATION = "request-duration";
    public static final String ERRORS_VS_STABLE = "errors-vs-stable";
    public static final String LATENCY_VS_STABLE = "latency-vs-stable";
}
