package workbench.backend.k3s;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;
import workbench.backend.BackendException;
import workbench.backend.cluster.Diagnostics;
import workbench.backend.cluster.PodProblems;
import workbench.backend.cluster.Readiness;
import workbench.backend.cluster.Waiter;

/**
 * Installs Istio into a fresh k3s through its Helm controller ({@link HelmController}): applies the {@link IstioHelmCharts}
 * resources one after the other, and waits for what a lesson needs: the install Jobs done, the istiod
 * Deployment ready, and the sidecar injector webhook carrying the CA bundle istiod patches into it.
 */
final class IstioInstaller {
    static final Duration ISTIOD_TIMEOUT = Duration.ofMinutes(6);
    static final Duration WEBHOOK_TIMEOUT = Duration.ofMinutes(2);
    static final String INJECTOR_WEBHOOK = "istio-sidecar-injector";

    private final KubernetesClient client;
    private final Waiter waiter;
    private final HelmController helm;

    IstioInstaller(KubernetesClient client, Waiter waiter) {
        this.client = client;
        this.waiter = waiter;
        this.helm = new HelmController(client, waiter);
    }

    void install(String version) {
        helm.awaitReady();
        helm.install(IstioHelmCharts.base(version));
        helm.install(IstioHelmCharts.istiod(version));
        awaitIstiod(version);
        awaitInjectorCaBundle();
        helm.install(IstioHelmCharts.ingressGateway(version));
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
