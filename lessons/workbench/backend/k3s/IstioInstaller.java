package workbench.backend.k3s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import workbench.backend.BackendException;
import workbench.backend.cluster.Applier;
import workbench.backend.cluster.Diagnostics;
import workbench.backend.cluster.PodProblems;
import workbench.backend.cluster.Readiness;
import workbench.backend.cluster.Waiter;

/**
 * Installs Istio into a fresh k3s through its Helm controller: applies the {@link IstioHelmCharts}
 * resources one after the other, and waits for what a lesson needs: the install Jobs done, the istiod
 * Deployment ready, and the sidecar injector webhook carrying the CA bundle istiod patches into it.
 */
final class IstioInstaller {
    static final Duration CRD_TIMEOUT = Duration.ofMinutes(2);
    static final Duration JOB_TIMEOUT = Duration.ofMinutes(6);
    static final Duration ISTIOD_TIMEOUT = Duration.ofMinutes(6);
    static final Duration WEBHOOK_TIMEOUT = Duration.ofMinutes(2);
    static final int MAX_FAILED_JOB_ATTEMPTS = 3;
    static final String INJECTOR_WEBHOOK = "istio-sidecar-injector";

    private final KubernetesClient client;
    private final Waiter waiter;

    IstioInstaller(KubernetesClient client, Waiter waiter) {
        this.client = client;
        this.waiter = waiter;
    }

    void install(String version) {
        awaitHelmController();
        installChart(IstioHelmCharts.base(version));
        installChart(IstioHelmCharts.istiod(version));
        awaitIstiod(version);
        awaitInjectorCaBundle();
        installChart(IstioHelmCharts.ingressGateway(version));
        awaitIngressGateway();
    }

    private void awaitIngressGateway() {
        String ns = IstioHelmCharts.ISTIO_NAMESPACE;
        waiter.until(new Waiter.Wait("the " + IstioHelmCharts.INGRESS_GATEWAY + " Deployment in " + ns + " to be ready", ISTIOD_TIMEOUT,
                () -> {
                    Deployment d = client.apps().deployments().inNamespace(ns).withName(IstioHelmCharts.INGRESS_GATEWAY).get();
                    return d == null ? Optional.of("Deployment " + IstioHelmCharts.INGRESS_GATEWAY + " not created yet")
                            : Readiness.deploymentPending(d);
                },
                "the gateway pod pulls docker.io/istio/proxyv2 (about 100 MB): look below for ImagePullBackOff or FailedScheduling.",
                () -> Diagnostics.gather(client, ns, p -> true)));
    }

    private void awaitHelmController() {
        waiter.until(new Waiter.Wait("k3s's Helm controller (the CRD helmcharts.helm.cattle.io)", CRD_TIMEOUT,
                () -> client.apiextensions().v1().customResourceDefinitions().withName("helmcharts.helm.cattle.io").get() != null
                        ? Optional.empty() : Optional.of("CRD not registered yet"),
                "k3s normally registers it seconds after start; if it does not, the k3s image may not be a regular server image.",
                null));
    }

    /** Applies one HelmChart resource and waits until the Helm controller's install Job for it has succeeded. */
    void installChart(ObjectNode helmChart) {
        String name = helmChart.path("metadata").path("name").asText();
        String chart = helmChart.path("spec").path("chart").asText();
        String version = helmChart.path("spec").path("version").asText();
        String repo = helmChart.path("spec").path("repo").asText();
        String advice = repo.equals(IstioHelmCharts.REPO)
                ? "that Istio " + version + " exists (`--istio-version`, default " + K3sSettings.DEFAULT_ISTIO_VERSION + ")."
                : "that " + repo + " is reachable from the cluster.";
        try {
            client.resource(helmChart.toString()).inNamespace(IstioHelmCharts.HELM_NAMESPACE)
                    .fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            throw new BackendException("k3s refused the HelmChart " + name + ": " + e.getMessage(), e);
        }
        String job = IstioHelmCharts.installJob(name);
        Predicate<Pod> jobPods = p -> {
            Map<String, String> l = p.getMetadata().getLabels();
            return l != null && (job.equals(l.get("job-name")) || job.equals(l.get("batch.kubernetes.io/job-name")));
        };
        waiter.until(new Waiter.Wait(
                "the Helm controller to install chart " + chart + " " + version + " from " + repo
                        + " (job " + IstioHelmCharts.HELM_NAMESPACE + "/" + job + ")",
                JOB_TIMEOUT,
                () -> {
                    Job j = client.batch().v1().jobs().inNamespace(IstioHelmCharts.HELM_NAMESPACE).withName(job).get();
                    if (Readiness.failedAttempts(j) >= MAX_FAILED_JOB_ATTEMPTS) {
                        throw new BackendException("helm install of chart " + chart + " " + version + " failed "
                                + Readiness.failedAttempts(j) + " times. Check that version " + version + " exists in "
                                + repo + " and that the cluster can reach it (proxy, firewall).");
                    }
                    return Readiness.jobPending(j);
                },
                "the job pulls the rancher/klipper-helm image and downloads the chart: check the network, and " + advice,
                () -> Diagnostics.gather(client, IstioHelmCharts.HELM_NAMESPACE, jobPods)));
    }

    private void awaitIstiod(String version) {
        String ns = IstioHelmCharts.ISTIO_NAMESPACE;
        waiter.until(new Waiter.Wait("the istiod Deployment in " + ns + " to be ready", ISTIOD_TIMEOUT,
                () -> {
                    Deployment d = client.apps().deployments().inNamespace(ns).withName("istiod").get();
                    if (d == null) return Optional.of("Deployment istiod not created yet");
                    for (Pod p : client.pods().inNamespace(ns).withLabel("app", "istiod").list().getItems()) {
                        PodProblems.imageProblem(p).ifPresent(reason -> { throw new BackendException(reason); });
                    }
                    return Readiness.deploymentPending(d);
                },
                "istiod pulls docker.io/istio/pilot:" + version + " (about 80 MB) and asks for "
                        + IstioHelmCharts.ISTIOD_MEMORY_REQUEST + " of memory: look below for ImagePullBackOff or FailedScheduling.",
                () -> Diagnostics.gather(client, ns, p -> true)));
    }

    private void awaitInjectorCaBundle() {
        waiter.until(new Waiter.Wait("the sidecar injector webhook " + INJECTOR_WEBHOOK + " to carry istiod's CA bundle",
                WEBHOOK_TIMEOUT,
                () -> Readiness.webhookPending(client.admissionRegistration().v1().mutatingWebhookConfigurations()
                        .withName(INJECTOR_WEBHOOK).get()),
                "istiod patches the bundle in once it runs; its log below says why it did not.",
                () -> Diagnostics.logTail(client, IstioHelmCharts.ISTIO_NAMESPACE, "app", "istiod", "discovery")));
    }
}
