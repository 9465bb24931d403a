package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import workbench.kube.KubectlOutput;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

/**
 * Bare pods on fabric8's mock API server in CRUD mode (it stores what it is sent; no kubelet, so a test plays the
 * kubelet's part and marks a pod Ready): kubectl run and expose as applies, waiting for Ready, delete waiting until
 * gone, and the pod object read back as kubectl's JSON so custom-columns and jsonpath work on it.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class BarePodsTest {
    static KubernetesClient client;
    static final List<Document> NGINX = Manifests.load(Path.of("manifests/nginx-pod.yaml"), Path.of("manifests/nginx-service.yaml"));

    static {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    }

    private BarePods barePods(String namespace) {
        return new BarePods(client, new Applier(client, NamespacePolicy.ownedCluster(namespace)), namespace);
    }

    @Test
    void runCreatesThePodAndServiceAndReturnsOnceThePodIsReady() throws Exception {
        CompletableFuture<Void> kubelet = CompletableFuture.runAsync(() -> markReadyWhenCreated("run-ready", "nginx"));
        barePods("run-ready").run(NGINX);
        kubelet.get(10, TimeUnit.SECONDS);
        assertThat(client.services().inNamespace("run-ready").withName("nginx").get()).isNotNull();
        assertThat(BarePods.ready(client.pods().inNamespace("run-ready").withName("nginx").get())).isTrue();
    }

    @Test
    void theObjectReadsBackAsKubectlsJson() {
        client.pods().inNamespace("object").resource(new PodBuilder().withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27.5").endContainer()
                .addNewInitContainer().withName("istio-proxy").withImage("docker.io/istio/proxyv2:1.28.10").withRestartPolicy("Always")
                .endInitContainer().endSpec().build()).create();
        var object = barePods("object").object("nginx").orElseThrow();
        assertThat(KubectlOutput.jsonpath("{.spec.initContainers[?(@.name==\"istio-proxy\")].restartPolicy}", object)).isEqualTo("Always");
        assertThat(KubectlOutput.customColumns("NAME:.metadata.name,CONTAINERS:.spec.containers[*].name", object).get(1))
                .isEqualTo("nginx   nginx");
        assertThat(barePods("object").object("absent")).isEmpty();
    }

    @Test
    void deleteReturnsOnceThePodsAreGone() {
        client.pods().inNamespace("delete").resource(new PodBuilder().withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27.5").endContainer().endSpec().build()).create();
        barePods("delete").delete(NGINX.subList(0, 1));
        assertThat(client.pods().inNamespace("delete").withName("nginx").get()).isNull();
    }

    private static void markReadyWhenCreated(String namespace, String name) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < deadline) {
            Pod pod = client.pods().inNamespace(namespace).withName(name).get();
            if (pod != null) {
                pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Running")
                        .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).build());
                client.pods().inNamespace(namespace).resource(pod).updateStatus();
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
