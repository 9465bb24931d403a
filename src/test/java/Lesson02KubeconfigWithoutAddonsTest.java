import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension;

/**
 * Lesson 02 with {@code --backend kubeconfig} against a cluster that has Istio but not its Prometheus and Jaeger addons
 * (fabric8's mock API server in CRUD mode: it answers as an API server does, it runs no pods). The workbench installs
 * nothing cluster-wide on a user's cluster: the lesson stops with exit 2 before deploying anything and says what is
 * missing and how to install it. (The lesson runs in a namespace named with --namespace: the mock server does not
 * implement the server-side apply that creates a namespace of the workbench's own.)
 */
@EnableKubernetesMockClient(crud = true, https = false)
class Lesson02KubeconfigWithoutAddonsTest {
    static {
        Logger.getLogger("io.fabric8.mockwebserver").setLevel(Level.WARNING);
    }

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void stopsBeforeDeployingWithTheSeriesInstallCommands(@TempDir Path dir) throws Exception {
        server.expect().get().withPath("/version").andReturn(200, Map.of("gitVersion", "v1.33.5", "major", "1", "minor", "33")).always();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("istio-system").endMetadata().build()).create();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("mine").addToLabels("istio-injection", "enabled")
                .endMetadata().build()).create();
        client.apps().deployments().inNamespace("istio-system").resource(new DeploymentBuilder()
                .withNewMetadata().withName("istiod").addToLabels("app", "istiod").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("discovery")
                .withImage("docker.io/istio/pilot:1.28.10").endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("istio-sidecar-injector").endMetadata().build()).create();
        Path kubeconfig = dir.resolve("kubeconfig.yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                contexts:
                - name: mock
                  context:
                    cluster: mock
                    user: mock
                current-context: mock
                users:
                - name: mock
                  user:
                    token: not-a-secret
                """.formatted(client.getMasterUrl().toString()));

        LessonRunExtension.Ran run = LessonRunExtension.run(LessonRunExtension.lessonOf(Lesson02Observability.class),
                "--backend", "kubeconfig", "--kubeconfig", kubeconfig.toString(), "--namespace", "mine", "--out", dir.resolve("docs").toString());

        assertThat(run.result().exitCode()).as(run.console() + run.errors()).isEqualTo(LessonResult.ERROR);
        assertThat(run.errors()).contains("Istio's Prometheus and Jaeger addons are not installed",
                "kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/prometheus.yaml",
                "kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/jaeger.yaml")
                .doesNotContain("\tat ");
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder("istio-system", "mine");
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).extracting(d -> d.getMetadata().getName())
                .containsExactly("istiod");
        assertThat(client.services().inAnyNamespace().list().getItems()).isEmpty();
    }
}
