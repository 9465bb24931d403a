package workbench.backend.k3s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Istio's Prometheus, Kiali and Jaeger addons for the 1.28 releases, as k3s's Helm controller and the API server take them.
 * Istio renders {@code samples/addons/prometheus.yaml} and {@code kiali.yaml} from Helm charts with pinned versions and
 * values ({@code manifests/addons/gen.sh}, {@code values-prometheus.yaml}, {@code values-kiali.yaml}); here the same charts,
 * versions and values are installed as HelmChart resources. {@code samples/addons/jaeger.yaml} is a hand-written all-in-one
 * Deployment with its Services; here it is built with the same image, storage, ports and Service names. (Pins read at
 * istio/istio tag 1.28.10; every 1.28 tag from 1.28.1 on has the same.)
 */
public final class AddonCharts {
    public static final String PROMETHEUS = "prometheus";
    public static final String PROMETHEUS_REPO = "https://prometheus-community.github.io/helm-charts";
    public static final String PROMETHEUS_CHART_VERSION = "27.37.0";
    /** gen.sh: {@code helm template kiali-server ... kiali-server}: the release is named after the chart. */
    public static final String KIALI = "kiali-server";
    public static final String KIALI_REPO = "https://kiali.org/helm-charts";
    public static final String KIALI_CHART_VERSION = "2.17.0";
    /** gen.sh's {@code --set deployment.image_version=v2.17}. */
    public static final String KIALI_IMAGE_VERSION = "v2.17";
    public static final String JAEGER = "jaeger";
    public static final String JAEGER_IMAGE = "docker.io/jaegertracing/all-in-one:1.70.0";
    /** The Jaeger query UI and API live under this path (jaeger.yaml's QUERY_BASE_PATH). */
    public static final String JAEGER_BASE_PATH = "/jaeger";
    private static final String NO_SIDECAR = "sidecar.istio.io/inject";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AddonCharts() {}

    /** Chart {@code prometheus} with values-prometheus.yaml's settings: the server alone, no sidecar, Service prometheus on 9090. */
    public static ObjectNode prometheus() {
        ObjectNode values = F.objectNode();
        for (String off : List.of("alertmanager", "prometheus-pushgateway", "kube-state-metrics", "prometheus-node-exporter")) {
            values.putObject(off).put("enabled", false);
        }
        ObjectNode server = values.putObject("server");
        server.putObject("podLabels").put(NO_SIDECAR, "false");
        server.putObject("persistentVolume").put("enabled", false);
        server.putObject("service").put("servicePort", 9090);
        server.put("readinessProbeInitialDelay", 0);
        server.putObject("global").put("scrape_interval", "15s");
        server.put("fullnameOverride", PROMETHEUS);
        server.putObject("image").put("repository", "docker.io/prom/prometheus");
        server.putNull("securityContext");
        values.putObject("configmapReload").putObject("prometheus").putObject("image")
                .put("repository", "ghcr.io/prometheus-operator/prometheus-config-reloader");
        return HelmController.chart(PROMETHEUS, PROMETHEUS_REPO, "prometheus", PROMETHEUS_CHART_VERSION, values);
    }

    /** Chart {@code kiali-server} with values-kiali.yaml's settings: anonymous login, no sidecar, no tracing integration. */
    public static ObjectNode kiali() {
        ObjectNode values = F.objectNode();
        values.putObject("auth").put("strategy", "anonymous");
        ObjectNode deployment = values.putObject("deployment");
        deployment.putObject("pod_labels").put(NO_SIDECAR, "false");
        deployment.put("ingress_enabled", false);
        deployment.put("image_pull_policy", "IfNotPresent");
        deployment.putObject("network_policy").put("enabled", false);
        deployment.put("image_version", KIALI_IMAGE_VERSION);
        values.putObject("login_token").put("signing_key", "CHANGEME00000000");
        values.putObject("external_services").putObject("tracing").put("enabled", false);
        return HelmController.chart(KIALI, KIALI_REPO, "kiali-server", KIALI_CHART_VERSION, values);
    }

    /**
     * jaeger.yaml's objects: Deployment jaeger (all-in-one, Badger storage on an emptyDir, a Zipkin collector on 9411, the query
     * under /jaeger), Service tracing (80 → query 16686, 16685 gRPC), Service zipkin (9411, where the sidecars send spans) and
     * Service jaeger-collector (14268, 14250, 9411, OTLP 4317/4318).
     */
    public static List<ObjectNode> jaeger() {
        ObjectNode deployment = object("apps/v1", "Deployment", JAEGER);
        deployment.with("metadata").putObject("labels").put("app", JAEGER);
        ObjectNode spec = deployment.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put("app", JAEGER);
        ObjectNode template = spec.putObject("template");
        ObjectNode podMeta = template.putObject("metadata");
        podMeta.putObject("labels").put("app", JAEGER).put(NO_SIDECAR, "false");
        podMeta.putObject("annotations").put("prometheus.io/scrape", "true").put("prometheus.io/port", "14269");
        ObjectNode container = template.putObject("spec").putArray("containers").addObject();
        container.put("name", JAEGER);
        container.put("image", JAEGER_IMAGE);
        ArrayNode env = container.putArray("env");
        env(env, "BADGER_EPHEMERAL", "false");
        env(env, "SPAN_STORAGE_TYPE", "badger");
        env(env, "BADGER_DIRECTORY_VALUE", "/badger/data");
        env(env, "BADGER_DIRECTORY_KEY", "/badger/key");
        env(env, "COLLECTOR_ZIPKIN_HOST_PORT", ":9411");
        env(env, "MEMORY_MAX_TRACES", "50000");
        env(env, "QUERY_BASE_PATH", JAEGER_BASE_PATH);
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            container.putObject(probe).putObject("httpGet").put("path", "/").put("port", 14269);
        }
        container.putArray("volumeMounts").addObject().put("name", "data").put("mountPath", "/badger");
        container.putObject("resources").putObject("requests").put("cpu", "10m");
        template.with("spec").putArray("volumes").addObject().put("name", "data").putObject("emptyDir");

        ObjectNode tracing = service("tracing", "app", JAEGER);
        port(tracing, "http-query", 80, 16686);
        port(tracing, "grpc-query", 16685, 16685);
        ObjectNode zipkin = service("zipkin", "name", "zipkin");
        port(zipkin, "http-query", 9411, 9411);
        ObjectNode collector = service("jaeger-collector", "app", JAEGER);
        port(collector, "jaeger-collector-http", 14268, 14268);
        port(collector, "jaeger-collector-grpc", 14250, 14250);
        port(collector, "http-zipkin", 9411, 9411);
        port(collector, "grpc-otel", 4317, 4317);
        port(collector, "http-otel", 4318, 4318);
        return List.of(deployment, tracing, zipkin, collector);
    }

    /** What the addons are, for the run stamp. */
    public static String summary() {
        return "Helm charts prometheus " + PROMETHEUS_CHART_VERSION + ", kiali-server " + KIALI_CHART_VERSION + " (k3s Helm controller); "
                + JAEGER_IMAGE.substring(JAEGER_IMAGE.lastIndexOf('/') + 1);
    }

    private static ObjectNode object(String apiVersion, String kind, String name) {
        ObjectNode o = F.objectNode();
        o.put("apiVersion", apiVersion);
        o.put("kind", kind);
        o.putObject("metadata").put("name", name).put("namespace", IstioHelmCharts.ISTIO_NAMESPACE);
        return o;
    }

    /** A ClusterIP Service selecting the Jaeger pod, labelled {@code labelKey: labelValue} as jaeger.yaml labels it. */
    private static ObjectNode service(String name, String labelKey, String labelValue) {
        ObjectNode s = object("v1", "Service", name);
        s.with("metadata").putObject("labels").put(labelKey, labelValue);
        ObjectNode spec = s.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.putObject("selector").put("app", JAEGER);
        spec.putArray("ports");
        return s;
    }

    private static void port(ObjectNode service, String name, int port, int targetPort) {
        ((ArrayNode) service.path("spec").path("ports")).addObject().put("name", name).put("port", port).put("targetPort", targetPort)
                .put("protocol", "TCP");
    }

    private static void env(ArrayNode env, String name, String value) {
        env.addObject().put("name", name).put("value", value);
    }
}
