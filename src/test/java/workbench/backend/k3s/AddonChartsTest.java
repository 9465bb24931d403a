package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The addons as Istio builds them for its 1.28 releases (istio/istio tag 1.28.10, commit ff49c188):
 * manifests/addons/gen.sh pins the charts ({@code helm3 template prometheus prometheus --version 27.37.0 --repo
 * https://prometheus-community.github.io/helm-charts}, {@code helm3 template kiali-server ... --version 2.17.0 --set
 * deployment.image_version=v2.17 kiali-server --repo https://kiali.org/helm-charts}) and their values files
 * (values-prometheus.yaml, values-kiali.yaml); samples/addons/jaeger.yaml is the all-in-one Deployment and Services.
 */
class AddonChartsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static JsonNode values(ObjectNode helmChart) throws Exception {
        JsonNode parsed = YAML.readTree(HelmController.yaml(helmChart));
        return YAML.readTree(parsed.path("spec").path("valuesContent").asText());
    }

    @Test
    void prometheusIsTheCommunityChartAtGenShsVersionReleasedAsPrometheusIntoIstioSystem() {
        JsonNode hc = AddonCharts.prometheus();
        assertThat(hc.path("apiVersion").asText()).isEqualTo("helm.cattle.io/v1");
        assertThat(hc.path("metadata").path("name").asText()).as("gen.sh: helm3 template prometheus ...").isEqualTo("prometheus");
        assertThat(hc.path("metadata").path("namespace").asText()).isEqualTo("kube-system");
        JsonNode spec = hc.path("spec");
        assertThat(spec.path("repo").asText()).isEqualTo("https://prometheus-community.github.io/helm-charts");
        assertThat(spec.path("chart").asText()).isEqualTo("prometheus");
        assertThat(spec.path("version").asText()).isEqualTo("27.37.0");
        assertThat(spec.path("targetNamespace").asText()).isEqualTo("istio-system");
    }

    @Test
    void prometheusValuesAreValuesPrometheusYamls() throws Exception {
        JsonNode v = values(AddonCharts.prometheus());
        for (String off : List.of("alertmanager", "prometheus-pushgateway", "kube-state-metrics", "prometheus-node-exporter")) {
            assertThat(v.path(off).path("enabled").asBoolean(true)).as(off + ".enabled").isFalse();
        }
        JsonNode server = v.path("server");
        assertThat(server.path("podLabels").path("sidecar.istio.io/inject").asText()).isEqualTo("false");
        assertThat(server.path("persistentVolume").path("enabled").asBoolean(true)).isFalse();
        assertThat(server.path("service").path("servicePort").asInt()).as("port 9090, as Istio's docs use").isEqualTo(9090);
        assertThat(server.path("readinessProbeInitialDelay").asInt(-1)).isZero();
        assertThat(server.path("global").path("scrape_interval").asText()).isEqualTo("15s");
        assertThat(server.path("fullnameOverride").asText()).as("Service and Deployment named prometheus").isEqualTo("prometheus");
        assertThat(server.path("image").path("repository").asText()).isEqualTo("docker.io/prom/prometheus");
        assertThat(server.has("securityContext") && server.path("securityContext").isNull()).as("securityContext: null").isTrue();
        assertThat(v.path("configmapReload").path("prometheus").path("image").path("repository").asText())
                .isEqualTo("ghcr.io/prometheus-operator/prometheus-config-reloader");
    }

    @Test
    void kialiIsKialiServerAtGenShsVersionWithValuesKialiYamlAndTheImageVersionGenShSets() throws Exception {
        JsonNode hc = AddonCharts.kiali();
        assertThat(hc.path("metadata").path("name").asText()).isEqualTo("kiali-server");
        JsonNode spec = hc.path("spec");
        assertThat(spec.path("repo").asText()).isEqualTo("https://kiali.org/helm-charts");
        assertThat(spec.path("chart").asText()).isEqualTo("kiali-server");
        assertThat(spec.path("version").asText()).isEqualTo("2.17.0");
        assertThat(spec.path("targetNamespace").asText()).isEqualTo("istio-system");
        JsonNode v = values(AddonCharts.kiali());
        assertThat(v.path("deployment").path("image_version").asText()).isEqualTo("v2.17");
        assertThat(v.path("auth").path("strategy").asText()).isEqualTo("anonymous");
        assertThat(v.path("deployment").path("pod_labels").path("sidecar.istio.io/inject").asText()).isEqualTo("false");
        assertThat(v.path("deployment").path("ingress_enabled").asBoolean(true)).isFalse();
        assertThat(v.path("deployment").path("image_pull_policy").asText()).isEqualTo("IfNotPresent");
        assertThat(v.path("deployment").path("network_policy").path("enabled").asBoolean(true)).isFalse();
        assertThat(v.path("login_token").path("signing_key").asText()).isEqualTo("CHANGEME00000000");
        assertThat(v.path("external_services").path("tracing").path("enabled").asBoolean(true)).isFalse();
    }

    @Test
    void jaegerIsJaegerYamlsAllInOneWithItsServices() {
        List<ObjectNode> objects = AddonCharts.jaeger();
        assertThat(objects).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .containsExactly("Deployment/jaeger", "Service/tracing", "Service/zipkin", "Service/jaeger-collector");
        assertThat(objects).allMatch(o -> o.path("metadata").path("namespace").asText().equals("istio-system"));

        JsonNode pod = objects.get(0).path("spec").path("template");
        assertThat(pod.path("metadata").path("labels").path("sidecar.istio.io/inject").asText()).isEqualTo("false");
        JsonNode container = pod.path("spec").path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("docker.io/jaegertracing/all-in-one:1.70.0");
        Map<String, String> env = StreamSupport.stream(container.path("env").spliterator(), false)
                .collect(Collectors.toMap(e -> e.path("name").asText(), e -> e.path("value").asText()));
        assertThat(env).containsEntry("COLLECTOR_ZIPKIN_HOST_PORT", ":9411").containsEntry("QUERY_BASE_PATH", "/jaeger")
                .containsEntry("SPAN_STORAGE_TYPE", "badger");
        assertThat(container.path("readinessProbe").path("httpGet").path("port").asInt()).isEqualTo(14269);

        assertThat(ports(objects.get(1))).as("the query UI and API").containsEntry(80, 16686).containsEntry(16685, 16685);
        assertThat(ports(objects.get(2))).as("where the sidecars send Zipkin spans").containsExactly(Map.entry(9411, 9411));
        assertThat(ports(objects.get(3))).containsKeys(14268, 14250, 9411, 4317, 4318);
        for (ObjectNode service : objects.subList(1, 4)) {
            assertThat(service.path("spec").path("selector").path("app").asText()).isEqualTo("jaeger");
        }
    }

    private static Map<Integer, Integer> ports(JsonNode service) {
        return StreamSupport.stream(service.path("spec").path("ports").spliterator(), false)
                .collect(Collectors.toMap(p -> p.path("port").asInt(), p -> p.path("targetPort").asInt()));
    }
}
