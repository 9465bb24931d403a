package workbench.istio;

import java.util.Locale;

/**
 * The meshConfig choices the workbench makes where Istio's defaults would leave a lesson blind: the k3s backend installs
 * istiod with them, and the embedded mesh behaves by them, so both answer the same way. (A user's own cluster keeps its
 * own meshConfig; the lessons read what it says.)
 */
public final class WorkbenchMeshConfig {
    private WorkbenchMeshConfig() {}

    /** Sidecars write Istio's default access log here, where lesson 04 reads the response flags (UO). */
    public static final String ACCESS_LOG_FILE = "/dev/stdout";

    /**
     * Since Istio 1.22 a default install reports no spans (istio/istio#49615); lesson 02 reads traces, so the sidecars
     * report to Jaeger's Zipkin endpoint through a mesh-wide default provider of this name.
     */
    public static final String TRACING_PROVIDER = "zipkin";
    public static final String ZIPKIN_SERVICE = "zipkin.istio-system.svc.cluster.local";
    public static final int ZIPKIN_PORT = 9411;

    /** Every request traced ({@code defaultConfig.tracing.sampling}; Istio's own default is 1%), so a lesson finds its page's trace. */
    public static final double TRACE_SAMPLING_PERCENT = 100.0;

    /** The tracing istiod is installed with, in one line for the run stamp. */
    public static String tracingSummary() {
        return TRACING_PROVIDER + " provider → " + ZIPKIN_SERVICE + ":" + ZIPKIN_PORT + ", sampling " + samplingPercent() + "%";
    }

    /** {@link #TRACE_SAMPLING_PERCENT} as a reader writes it: 100, 1, 0.5. */
    public static String samplingPercent() {
        return TRACE_SAMPLING_PERCENT == Math.rint(TRACE_SAMPLING_PERCENT)
                ? Long.toString((long) TRACE_SAMPLING_PERCENT) : String.format(Locale.ROOT, "%s", TRACE_SAMPLING_PERCENT);
    }

    /**
     * The istiod chart values that send every sidecar's spans to {@link #ZIPKIN_SERVICE}, as {@code --set} flags. Tracing
     * providers reach running proxies with istiod's next push; the sampling rate in defaultConfig only reaches proxies
     * started after it, so it is left out here (the lessons mark the requests they trace, see RequestIds#markSampled).
     */
    public static java.util.List<String> tracingProviderHelmFlags() {
        return java.util.List.of(
                "--set meshConfig.extensionProviders[0].name=" + TRACING_PROVIDER,
                "--set meshConfig.extensionProviders[0].zipkin.service=" + ZIPKIN_SERVICE,
                "--set meshConfig.extensionProviders[0].zipkin.port=" + ZIPKIN_PORT,
                "--set meshConfig.defaultProviders.tracing[0]=" + TRACING_PROVIDER);
    }
}
