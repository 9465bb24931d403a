package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

class IstioHelmChartsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode parse(String yaml) throws Exception { return YAML.readTree(yaml); }

    @Test
    void baseChartIsAHelmChartForTheK3sHelmController() throws Exception {
        JsonNode hc = parse(HelmController.yaml(IstioHelmCharts.base("1.28.10")));
        assertThat(hc.path("apiVersion").asText()).isEqualTo("helm.cattle.io/v1");
        assertThat(hc.path("kind").asText()).isEqualTo("HelmChart");
        assertThat(hc.path("metadata").path("name").asText()).isEqualTo("istio-base");
        assertThat(hc.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        JsonNode spec = hc.path("spec");
        assertThat(spec.path("chart").asText()).isEqualTo("base");
        assertThat(spec.path("repo").asText()).isEqualTo("https://istio-release.storage.googleapis.com/charts");
        assertThat(spec.path("version").asText()).isEqualTo("1.28.10");
        assertThat(spec.path("targetNamespace").asText()).isEqualTo("istio-system");
        assertThat(spec.path("createNamespace").asBoolean()).isTrue();
        assertThat(parse(spec.path("valuesContent").asText()).path("defaultRevision").asText()).isEqualTo("default");
    }

    @Test
    void istiodChartAsksForLaptopSizedResources() throws Exception {
        JsonNode hc = parse(HelmController.yaml(IstioHelmCharts.istiod("1.28.3")));
        JsonNode spec = hc.path("spec");
        assertThat(hc.path("metadata").path("name").asText()).isEqualTo("istiod");
        assertThat(spec.path("chart").asText()).isEqualTo("istiod");
        assertThat(spec.path("version").asText()).isEqualTo("1.28.3");
        assertThat(spec.path("targetNamespace").asText()).isEqualTo("istio-system");

        assertThat(spec.path("valuesContent").isTextual()).as("valuesContent is a YAML string").isTrue();
        JsonNode values = parse(spec.path("valuesContent").asText());
        JsonNode pilot = values; // istio-discovery's values.yaml: autoscaleEnabled, replicaCount, resources at the top level
        assertThat(values.has("pilot")).as("no istioctl-style pilot.* keys, which the chart ignores").isFalse();
        assertThat(pilot.path("resources").path("requests").path("memory").asText()).isEqualTo("256Mi");
        assertThat(pilot.path("resources").path("requests").path("cpu").asText()).isEqualTo("100m");
        assertThat(pilot.path("autoscaleEnabled").asBoolean(true)).isFalse();
        assertThat(pilot.path("replicaCount").asInt()).isEqualTo(1);
        JsonNode proxy = values.path("global").path("proxy").path("resources").path("requests");
        assertThat(proxy.path("cpu").asText()).isEqualTo("10m");
        assertThat(proxy.path("memory").asText()).isEqualTo("64Mi");
    }

    @Test
    void yamlHasNoDocumentMarkerAndRoundTrips() throws Exception {
        String yaml = HelmController.yaml(IstioHelmCharts.istiod("1.28.10"));
        assertThat(yaml).doesNotStartWith("---");
        assertThat(parse(yaml)).isEqualTo(IstioHelmCharts.istiod("1.28.10"));
    }

    @Test
    void installJobIsNamedLikeTheHelmControllerNamesIt() {
        assertThat(HelmController.installJob("istio-base")).isEqualTo("helm-install-istio-base");
    }

    @Test
    void ingressGatewayIsIstiosGatewayChartNamedAsTheSeriesReachesIt() throws Exception {
        // helm install istio-ingressgateway istio/gateway -n istio-system (Istio's "Install Gateways" with Helm)
        JsonNode hc = parse(HelmController.yaml(IstioHelmCharts.ingressGateway("1.28.10")));
        assertThat(hc.path("metadata").path("name").asText()).isEqualTo("istio-ingressgateway");
        JsonNode spec = hc.path("spec");
        assertThat(spec.path("chart").asText()).isEqualTo("gateway");
        assertThat(spec.path("targetNamespace").asText()).isEqualTo("istio-system");
        JsonNode values = parse(spec.path("valuesContent").asText());
        assertThat(values.path("service").path("type").asText()).isEqualTo("ClusterIP");
        assertThat(values.path("resources").path("requests").path("memory").asText()).isEqualTo(IstioHelmCharts.PROXY_MEMORY_REQUEST);
    }

    @Test
    void sidecarsWriteTheAccessLogLessonFourReads() throws Exception {
        JsonNode values = parse(parse(HelmController.yaml(IstioHelmCharts.istiod("1.28.10"))).path("spec").path("valuesContent").asText());
        assertThat(values.path("meshConfig").path("accessLogFile").asText()).isEqualTo("/dev/stdout");
    }

    /**
     * Istio 1.28 sends no spans unless told to (istio/istio#49615, in 1.22: "Default tracing to zipkin.istio-system.svc
     * removed"); a mesh-wide default provider needs no Telemetry resource (pilot/pkg/model/telemetry.go, Tracing at 1.28.10),
     * and without one the sampling rate is defaultConfig.tracing.sampling, else PILOT_TRACE_SAMPLING's 1%
     * (pilot/pkg/networking/core/tracing.go, proxyConfigSamplingValue).
     */
    @Test
    void sidecarsSendEverySpanToJaegersZipkinEndpoint() throws Exception {
        JsonNode mesh = parse(parse(HelmController.yaml(IstioHelmCharts.istiod("1.28.10"))).path("spec").path("valuesContent").asText())
                .path("meshConfig");
        JsonNode provider = mesh.path("extensionProviders").get(0);
        assertThat(provider.path("name").asText()).isEqualTo("zipkin");
        assertThat(provider.path("zipkin").path("service").asText()).isEqualTo("zipkin.istio-system.svc.cluster.local");
        assertThat(provider.path("zipkin").path("port").asInt()).isEqualTo(9411);
        assertThat(provider.path("zipkin").has("traceContextOption")).as("Envoy's default, B3 headers only").isFalse();
        assertThat(mesh.path("defaultProviders").path("tracing").get(0).asText()).isEqualTo("zipkin");
        assertThat(mesh.path("defaultConfig").path("tracing").path("sampling").asDouble()).isEqualTo(100.0);
        assertThat(mesh.path("accessLogFile").asText()).as("lesson 04's access log stays").isEqualTo("/dev/stdout");
        assertThat(workbench.istio.WorkbenchMeshConfig.tracingSummary()).isEqualTo("zipkin provider → zipkin.istio-system.svc.cluster.local:9411, sampling 100%");
    }

    /** The helm command lesson 02 shows a reader sets the very values the workbench installs istiod with. */
    @Test
    void theReadersTracingCommandSetsWhatTheWorkbenchInstalls() throws Exception {
        JsonNode values = parse(parse(HelmController.yaml(IstioHelmCharts.istiod("1.28.10"))).path("spec").path("valuesContent").asText());
        assertThat(workbench.istio.WorkbenchMeshConfig.tracingProviderHelmFlags()).isNotEmpty().allSatisfy(flag -> {
            String[] keyValue = flag.substring("--set ".length()).split("=", 2);
            JsonNode node = values;
            for (String part : keyValue[0].split("\\.")) { // helm's path: a.b[0].c
                int bracket = part.indexOf('[');
                node = bracket < 0 ? node.path(part)
                        : node.path(part.substring(0, bracket)).path(Integer.parseInt(part.substring(bracket + 1, part.length() - 1)));
            }
            assertThat(node.asText()).as(flag).isEqualTo(keyValue[1]);
        });
    }
}
