package workbench.backend.k3s;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import workbench.istio.WorkbenchMeshConfig;

/**
 * The HelmChart resources ({@code helm.cattle.io/v1}) that make k3s's built-in Helm controller install
 * Istio from its official chart repository, so no helm or istioctl binary is needed on the host. Like
 * {@code helm install istio-base istio/base} then {@code helm install istiod istio/istiod}, with istiod's
 * resource requests cut from 500m CPU / 2 GiB to sizes that fit a laptop.
 */
public final class IstioHelmCharts {
    public static final String REPO = K3sSettings.ISTIO_CHART_REPO;
    public static final String ISTIO_NAMESPACE = "istio-system";
    public static final String BASE = "istio-base";
    public static final String ISTIOD = "istiod";
    /** The release name the lessons reach: the chart labels its pods app=istio-ingressgateway, istio=ingressgateway. */
    public static final String INGRESS_GATEWAY = "istio-ingressgateway";
    public static final String ISTIOD_CPU_REQUEST = "100m";
    public static final String ISTIOD_MEMORY_REQUEST = "256Mi";
    public static final String PROXY_CPU_REQUEST = "10m";
    public static final String PROXY_MEMORY_REQUEST = "64Mi";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private IstioHelmCharts() {}

    /** Chart {@code base}: the CRDs and cluster-wide resources; must be installed before istiod. */
    public static ObjectNode base(String version) {
        ObjectNode values = F.objectNode();
        values.put("defaultRevision", "default");
        return helmChart(BASE, "base", version, values);
    }

    /** Chart {@code istiod}: the control plane, with laptop-sized requests for istiod and every sidecar. */
    public static ObjectNode istiod(String version) {
        // the istiod Helm chart reads these at the top level of its values (pilot.* is istioctl's spelling)
        ObjectNode values = F.objectNode();
        values.put("autoscaleEnabled", false);
        values.put("replicaCount", 1);
        requests(values, ISTIOD_CPU_REQUEST, ISTIOD_MEMORY_REQUEST);
        requests(values.putObject("global").putObject("proxy"), PROXY_CPU_REQUEST, PROXY_MEMORY_REQUEST);
        ObjectNode meshConfig = values.putObject("meshConfig");
        // sidecars write Istio's default access log to stdout, where lesson 04 reads the response flags (UO)
        meshConfig.put("accessLogFile", WorkbenchMeshConfig.ACCESS_LOG_FILE);
        tracing(meshConfig);
        return helmChart(ISTIOD, "istiod", version, values);
    }

    /**
     * Chart {@code gateway} as {@code helm install istio-ingressgateway istio/gateway -n istio-system}: one replica,
     * a ClusterIP Service (lessons reach it through port-forward, as the series does), laptop-sized requests.
     * Installed after istiod, whose injector fills in the gateway pod.
     */
    public static ObjectNode ingressGateway(String version) {
        ObjectNode values = F.objectNode();
        values.putObject("service").put("type", "ClusterIP");
        values.putObject("autoscaling").put("enabled", false);
        values.put("replicaCount", 1);
        requests(values, PROXY_CPU_REQUEST, PROXY_MEMORY_REQUEST);
        return helmChart(INGRESS_GATEWAY, "gateway", version, values);
    }

    /**
     * Since Istio 1.22 a default install sends no spans anywhere (istio/istio#49615, "telemetry: remove default tracing
     * configuration"; the istiod chart's {@code global.proxy.tracer} is "none" in 1.28). Lesson 02 reads one page's trace,
     * so the sidecars report to Jaeger's Zipkin endpoint, as a mesh-wide default provider (pilot/pkg/model/telemetry.go
     * {@code Tracing}: {@code defaultProviders.tracing} applies without a Telemetry resource), and every request is
     * sampled: with no Telemetry resource the rate is {@code defaultConfig.tracing.sampling} (pilot/pkg/networking/core/
     * tracing.go {@code proxyConfigSamplingValue}; its default, PILOT_TRACE_SAMPLING, is 1%).
     */
    private static void tracing(ObjectNode meshConfig) {
        ObjectNode zipkin = meshConfig.putArray("extensionProviders").addObject();
        zipkin.put("name", WorkbenchMeshConfig.TRACING_PROVIDER);
        zipkin.putObject("zipkin").put("service", WorkbenchMeshConfig.ZIPKIN_SERVICE).put("port", WorkbenchMeshConfig.ZIPKIN_PORT);
        meshConfig.putObject("defaultProviders").putArray("tracing").add(WorkbenchMeshConfig.TRACING_PROVIDER);
        meshConfig.putObject("defaultConfig").putObject("tracing").put("sampling", WorkbenchMeshConfig.TRACE_SAMPLING_PERCENT);
    }

    private static ObjectNode helmChart(String name, String chart, String version, ObjectNode values) {
        return HelmController.chart(name, REPO, chart, version, values);
    }

    private static void requests(ObjectNode owner, String cpu, String memory) {
        ObjectNode requests = owner.putObject("resources").putObject("requests");
        requests.put("cpu", cpu);
        requests.put("memory", memory);
    }
}
