package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import workbench.backend.BackendException;

/**
 * Finding Istio's addons in istio-system on fabric8's mock API server (CRUD mode, a fresh server per test), named and
 * labelled as Istio 1.28.10's samples/addons/{prometheus,kiali,jaeger}.yaml create them: Service prometheus (9090)
 * selecting the chart's server pods, Service kiali, Jaeger's query Service tracing (80) selecting app=jaeger.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class IstioAddonsTest {
    static {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    }

    KubernetesClient client;

    private static final Map<String, String> PROMETHEUS_PODS =
            Map.of("app.kubernetes.io/component", "server", "app.kubernetes.io/name", "prometheus", "app.kubernetes.io/instance", "prometheus");
    private static final Map<String, String> KIALI_PODS = Map.of("app.kubernetes.io/name", "kiali", "app.kubernetes.io/instance", "kiali");
    private static final Map<String, String> JAEGER_PODS = Map.of("app", "jaeger");

    /** Time that passes only when the waiter sleeps. */
    private static final class FakeClock implements Waiter.Clock {
        long now;

        @Override public long nanos() { return now; }

        @Override public void sleep(Duration d) { now += d.toNanos(); }
    }

    private void istioSystem() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
    }

    private void service(String name, int port, Map<String, String> selector) {
        client.services().inNamespace("istio-system").resource(new ServiceBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withSelector(selector).addNewPort().withPort(port).endPort().endSpec().build()).create();
    }

    private void deployment(String name, Map<String, String> podLabels, int ready, Map<String, String> env, String... images) {
        var containers = new java.util.ArrayList<io.fabric8.kubernetes.api.model.Container>();
        for (int i = 0; i < images.length; i++) {
            var c = new io.fabric8.kubernetes.api.model.ContainerBuilder().withName(name + i).withImage(images[i]);
            env.forEach((k, v) -> c.addNewEnv().withName(k).withValue(v).endEnv());
            containers.add(c.build());
        }
        client.apps().deployments().inNamespace("istio-system").resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withGeneration(1L).endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(podLabels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(podLabels).endMetadata().withNewSpec().withContainers(containers).endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withObservedGeneration(1L).withReplicas(1).withUpdatedReplicas(1).withReadyReplicas(ready).endStatus()
                .build()).create();
    }

    private void allThreeAddons(int jaegerReady) {
        istioSystem();
        service("prometheus", 9090, PROMETHEUS_PODS);
        deployment("prometheus", PROMETHEUS_PODS, 1, Map.of(),
                "ghcr.io/prometheus-operator/prometheus-config-reloader:v0.85.0", "docker.io/prom/prometheus:v3.5.0");
        service("kiali", 20001, KIALI_PODS);
        deployment("kiali", KIALI_PODS, 1, Map.of(), "quay.io/kiali/kiali:v2.17");
        service("tracing", 80, JAEGER_PODS);
        deployment("jaeger", JAEGER_PODS, jaegerReady, Map.of("QUERY_BASE_PATH", "/jaeger"), "docker.io/jaegertracing/all-in-one:1.70.0");
    }

    @Test
    void withNothingInstalledItNamesPrometheusAndJaegerAndTheSeriesCommands() {
        istioSystem();
        assertThat(new IstioAddons(client).missing()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Istio's Prometheus and Jaeger addons are not installed: no Service prometheus, no Service tracing in namespace istio-system.")
                .contains("installs nothing cluster-wide on your cluster")
                .contains("\n  kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/prometheus.yaml")
                .contains("\n  kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/jaeger.yaml")
                .doesNotContain("kiali"));
    }

    @Test
    void withOnlyPrometheusItAsksForJaegerAlone() {
        istioSystem();
        service("prometheus", 9090, PROMETHEUS_PODS);
        assertThat(new IstioAddons(client).missing()).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Istio's Jaeger addon is not installed: no Service tracing in namespace istio-system.")
                .doesNotContain("prometheus.yaml"));
    }

    @Test
    void kialiIsNotRequiredSinceTheLessonDrawsTheGraphItself() {
        istioSystem();
        service("prometheus", 9090, PROMETHEUS_PODS);
        service("tracing", 80, JAEGER_PODS);
        assertThat(new IstioAddons(client).missing()).isEmpty();
        assertThat(new IstioAddons(client).observed()).contains("kiali: not installed (no Service kiali in istio-system)");
    }

    @Test
    void observedLinesNameEachDeploymentBehindItsServiceWithReadinessAndImages() {
        allThreeAddons(1);
        assertThat(new IstioAddons(client).observed()).containsExactly(
                "prometheus: deployment/prometheus 1/1 ready, service/prometheus, "
                        + "ghcr.io/prometheus-operator/prometheus-config-reloader:v0.85.0, docker.io/prom/prometheus:v3.5.0",
                "kiali: deployment/kiali 1/1 ready, service/kiali, quay.io/kiali/kiali:v2.17",
                "jaeger: deployment/jaeger 1/1 ready, service/tracing, docker.io/jaegertracing/all-in-one:1.70.0",
                "prometheus: no scrape interval in ConfigMap prometheus; assuming Prometheus' default, 60s",
                "mesh tracing: no ConfigMap istio with a mesh config in istio-system");
    }

    @Test
    void jaegersQueryPathComesFromItsQueryBasePath() {
        allThreeAddons(1);
        assertThat(new IstioAddons(client).jaegerBasePath()).isEqualTo("/jaeger");
    }

    @Test
    void aJaegerWithoutABasePathIsQueriedAtTheRoot() {
        istioSystem();
        service("tracing", 80, JAEGER_PODS);
        deployment("my-jaeger", JAEGER_PODS, 1, Map.of(), "docker.io/jaegertracing/all-in-one:1.70.0");
        assertThat(new IstioAddons(client).jaegerBasePath()).isEmpty();
    }

    @Test
    void anAddonThatNeverBecomesReadyTimesOutNamingIt() {
        allThreeAddons(0);
        // the fake clock jumps; a 30 s poll reaches the 5-minute limit in 10 reads of the mock API server instead of 300
        Waiter waiter = new Waiter(new FakeClock(), Duration.ofSeconds(30));
        assertThatThrownBy(() -> new IstioAddons(client).awaitReady(waiter)).isInstanceOf(BackendException.class)
                .hasMessageContaining("Deployment jaeger: 0/1 replicas ready").hasMessageNotContaining("Deployment prometheus:");
    }

    @Test
    void readyAddonsNeedNoWait() {
        allThreeAddons(1);
        FakeClock clock = new FakeClock();
        new IstioAddons(client).awaitReady(new Waiter(clock, Duration.ofSeconds(1)));
        assertThat(clock.now).isZero();
    }

    /** On the user's cluster a missing addon stops the lesson, and the workbench creates nothing in istio-system. */
    @Test
    void onTheUsersClusterMissingAddonsAreAnErrorAndNothingIsInstalled() {
        istioSystem();
        ClusterMesh mesh = new ClusterMesh(client, NamespacePolicy.sharedCluster("workbench-lesson02-test", false),
                new Waiter(new FakeClock(), Duration.ofSeconds(1)), new PhaseClock(), Duration.ofMinutes(1));
        assertThatThrownBy(mesh::addons).isInstanceOf(BackendException.class)
                .hasMessageContaining("kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/prometheus.yaml");
        assertThat(client.services().inNamespace("istio-system").list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace("istio-system").list().getItems()).isEmpty();
        mesh.close();
    }

    private void meshConfig(String mesh) {
        client.configMaps().inNamespace("istio-system").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("istio").endMetadata().addToData("mesh", mesh).build()).create();
    }

    /** The mesh config as the istiod chart renders it (templates/configmap.yaml at 1.28.10): no tracing unless asked for. */
    @Test
    void aDefaultInstallsMeshConfigSendsNoSpans() {
        istioSystem();
        meshConfig("defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\ndefaultProviders:\n  metrics:\n  - prometheus\n");
        assertThat(new IstioAddons(client).meshTracing()).isEqualTo("mesh tracing: default provider none (no spans are sent unless "
                + "a Telemetry resource names one), sampling not set (istiod's PILOT_TRACE_SAMPLING, 1% unless changed)");
    }

    @Test
    void theWorkbenchsTracingSettingsReadBack() {
        istioSystem();
        meshConfig("defaultConfig:\n  tracing:\n    sampling: 100\ndefaultProviders:\n  tracing:\n  - zipkin\n"
                + "extensionProviders:\n- name: zipkin\n  zipkin:\n    service: zipkin.istio-system.svc.cluster.local\n    port: 9411\n");
        assertThat(new IstioAddons(client).meshTracing()).isEqualTo("mesh tracing: default provider zipkin, sampling 100%");
    }

    /** ConfigMap prometheus as Istio's prometheus.yaml (chart 27.37.0 with values-prometheus.yaml) ships it: global.scrape_interval 15s. */
    @Test
    void theScrapeIntervalIsReadFromPrometheusOwnConfig() {
        istioSystem();
        service("prometheus", 9090, PROMETHEUS_PODS);
        client.configMaps().inNamespace("istio-system").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("prometheus").endMetadata()
                .addToData("prometheus.yml", "global:\n  evaluation_interval: 1m\n  scrape_interval: 15s\n  scrape_timeout: 10s\n").build()).create();
        IstioAddons addons = new IstioAddons(client);
        assertThat(addons.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(addons.observed()).contains("prometheus: scrape interval 15s (ConfigMap prometheus)");
    }

    @Test
    void withoutItsConfigPrometheusDefaultMinuteIsAssumed() {
        istioSystem();
        assertThat(new IstioAddons(client).scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    }

    /** Prometheus' duration format (prometheus.io, Configuration: "<duration>": [0-9]+(ms|[smhdwy]), units may be combined). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"15s, 15000", "1m, 60000", "1m30s, 90000", "500ms, 500", "2h, 7200000", "1d, 86400000"})
    void prometheusDurations(String text, long millis) {
        assertThat(PrometheusSettings.prometheusDuration(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"15", "s", "15 s", "1.5m", "15sec"})
    void notPrometheusDurations(String text) {
        assertThatThrownBy(() -> PrometheusSettings.prometheusDuration(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
