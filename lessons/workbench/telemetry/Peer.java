package workbench.telemetry;

/**
 * One end of a request as Istio's stats filter labels it: the workload (the Deployment's name), its namespace,
 * and the pod's {@code app} and {@code version} labels. A peer the sidecar cannot identify (a caller without a
 * sidecar, a reply Envoy made itself) is {@link #UNKNOWN}, Istio's own word for it.
 */
public record Peer(String workload, String namespace, String app, String version) {
    public static final String UNKNOWN_VALUE = "unknown";
    public static final Peer UNKNOWN = new Peer(UNKNOWN_VALUE, UNKNOWN_VALUE, UNKNOWN_VALUE, UNKNOWN_VALUE);

    public Peer {
        workload = orUnknown(workload);
        namespace = orUnknown(namespace);
        app = orUnknown(app);
        version = orUnknown(version);
    }

    private static String orUnknown(String s) { return s == null || s.isEmpty() ? UNKNOWN_VALUE : s; }
}
