package workbench.backend.k3s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import workbench.backend.BackendException;
import workbench.backend.cluster.Applier;
import workbench.backend.cluster.Diagnostics;
import workbench.backend.cluster.Readiness;
import workbench.backend.cluster.Waiter;

/**
 * k3s's built-in Helm controller: {@code helm.cattle.io/v1} HelmChart resources in {@link #NAMESPACE}, each installed by a
 * Job the controller runs, so no helm binary is needed on the host. Builds those resources and installs them one at a time.
 */
final class HelmController {
    /** The Helm controller in k3s watches HelmChart resources here. */
    static final String NAMESPACE = "kube-system";
    static final Duration CRD_TIMEOUT = Duration.ofMinutes(2);
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    static final int MAX_FAILED_JOB_ATTEMPTS = 3;
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));

    private final KubernetesClient client;
    private final Waiter waiter;

    HelmController(KubernetesClient client, Waiter waiter) {
        this.client = client;
        this.waiter = waiter;
    }

    /** {@code helm install NAME CHART --repo REPO --version VERSION -n istio-system -f values}, as k3s's Helm controller runs it. */
    static ObjectNode chart(String name, String repo, String chart, String version, ObjectNode values) {
        ObjectNode hc = F.objectNode();
        hc.put("apiVersion", "helm.cattle.io/v1");
        hc.put("kind", "HelmChart");
        ObjectNode metadata = hc.putObject("metadata");
        metadata.put("name", name);
        metadata.put("namespace", NAMESPACE);
        ObjectNode spec = hc.putObject("spec");
        spec.put("repo", repo);
        spec.put("chart", chart);
        spec.put("version", version);
        spec.put("targetNamespace", IstioHelmCharts.ISTIO_NAMESPACE);
        spec.put("createNamespace", true);
        spec.put("valuesContent", yaml(values));
        return hc;
    }

    /** The name of the Job the Helm controller runs for a chart. */
    static String installJob(String helmChartName) { return "helm-install-" + helmChartName; }

    static String yaml(ObjectNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until k3s has registered the HelmChart resource type. */
    void awaitReady() {
        waiter.until(new Waiter.Wait("k3s's Helm controller (the CRD helmcharts.helm.cattle.io)", CRD_TIMEOUT,
                () -> client.apiextensions().v1().customResourceDefinitions().withName("helmcharts.helm.cattle.io").get() != null
                        ? Optional.empty() : Optional.of("CRD not registered yet"),
                "k3s normally registers it seconds after start; if it does not, the k3s image may not be a regular server image.",
                null));
    }

    /** Applies one HelmChart resource and waits until the Helm controller's install Job for it has succeeded. */
    void install(ObjectNode helmChart) {
        String name = helmChart.path("metadata").path("name").asText();
        String chart = helmChart.path("spec").path("chart").asText();
        String version = helmChart.path("spec").path("version").asText();
        String repo = helmChart.path("spec").path("repo").asText();
        String advice = repo.equals(IstioHelmCharts.REPO)
                ? "that Istio " + version + " exists (`--istio-version`, default " + K3sSettings.DEFAULT_ISTIO_VERSION + ")."
                : "that " + repo + " is reachable from the cluster.";
        try {
            client.resource(helmChart.toString()).inNamespace(NAMESPACE)
                    .fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw new BackendException("k3s refused the HelmChart " + name + ": " + e.getMessage(), e);
        }
        String job = installJob(name);
        Predicate<Pod> jobPods = p -> {
            Map<String, String> l = p.getMetadata().getLabels();
            return l != null && (job.equals(l.get("job-name")) || job.equals(l.get("batch.kubernetes.io/job-name")));
        };
        waiter.until(new Waiter.Wait(
                "the Helm controller to install chart " + chart + " " + version + " from " + repo
                        + " (job " + NAMESPACE + "/" + job + ")",
                JOB_TIMEOUT,
                () -> {
                    Job j = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(job).get();
                    if (Readiness.failedAttempts(j) >= MAX_FAILED_JOB_ATTEMPTS) {
                        throw new BackendException("helm install of chart " + chart + " " + version + " failed "
                                + Readiness.failedAttempts(j) + " times. Check that version " + version + " exists in "
                                + repo + " and that the cluster can reach it (proxy, firewall).");
                    }
                    return Readiness.jobPending(j);
                },
                "the job pulls the rancher/klipper-helm image and downloads the chart: check the network, and " + advice,
                () -> Diagnostics.gather(client, NAMESPACE, jobPods)));
    }
}
