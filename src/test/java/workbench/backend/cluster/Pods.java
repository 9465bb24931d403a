package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

/** Hand-built pods as the API server reports them, for readiness tests. */
final class Pods {
    private Pods() {}

    static ContainerStatus running(String name, boolean ready) {
        return new ContainerStatusBuilder().withName(name).withReady(ready).withRestartCount(0)
                .withNewState().withNewRunning().withStartedAt("2026-01-01T00:00:00Z").endRunning().endState().build();
    }

    static ContainerStatus waiting(String name, String reason, String message) {
        return new ContainerStatusBuilder().withName(name).withReady(false).withRestartCount(0).withImage("docker.io/x/" + name + ":1")
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    static ContainerStatus initDone(String name) {
        return new ContainerStatusBuilder().withName(name).withReady(false)
                .withNewState().withNewTerminated().withExitCode(0).withReason("Completed").endTerminated().endState().build();
    }

    /** A pod with the app container and a classic istio-proxy sidecar container. */
    static PodBuilder classic(String name, String phase, ContainerStatus app, ContainerStatus proxy) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec()
                .addNewInitContainer().withName("istio-init").endInitContainer()
                .addNewContainer().withName(app.getName()).endContainer()
                .addNewContainer().withName("istio-proxy").endContainer()
                .endSpec()
                .withNewStatus().withPhase(phase)
                .addToInitContainerStatuses(initDone("istio-init"))
                .addToContainerStatuses(app)
                .addToContainerStatuses(proxy)
                .endStatus();
        return b;
    }

    /** A pod with istio-proxy as a Kubernetes native sidecar (init container with restartPolicy Always), as Istio 1.28 injects on Kubernetes 1.33+. */
    static Pod nativeSidecar(String name, ContainerStatus app, ContainerStatus proxy) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec()
                .addNewInitContainer().withName("istio-init").endInitContainer()
                .addNewInitContainer().withName("istio-proxy").withRestartPolicy("Always").endInitContainer()
                .addNewContainer().withName(app.getName()).endContainer()
                .endSpec()
                .withNewStatus().withPhase("Running")
                .addToInitContainerStatuses(initDone("istio-init"))
                .addToInitContainerStatuses(proxy)
                .addToContainerStatuses(app)
                .endStatus().build();
    }

    /** A pod with only its app container: no sidecar was injected. */
    static PodBuilder plain(String name, ContainerStatus app) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName(app.getName()).endContainer().endSpec()
                .withNewStatus().withPhase("Running").addToContainerStatuses(app).endStatus();
    }
}
