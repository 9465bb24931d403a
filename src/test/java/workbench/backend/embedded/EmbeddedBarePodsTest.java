package workbench.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.backend.k3s.K3sSettings;
import workbench.backend.PodStatus;
import workbench.kube.KubectlOutput;
import workbench.manifest.Document;
import workbench.manifest.ManifestException;
import workbench.manifest.Manifests;

/** Bare pods on the embedded mesh: the injector decides at creation, mutates the object as Istio 1.28 does, curl -sI answers. */
class EmbeddedBarePodsTest {
    static final List<Document> NGINX = Manifests.load(Path.of("manifests/nginx-pod.yaml"), Path.of("manifests/nginx-service.yaml"));
    static final List<Document> CURL = Manifests.load(Path.of("manifests/curl-pod.yaml"));
    static final List<String> HEAD = List.of("curl", "-sI", "http://nginx");

    @Test
    void withoutTheLabelPodsRunAloneAndNginxAnswersItself() {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.runPods(NGINX);
            mesh.runPods(CURL);
            assertThat(mesh.pods()).extracting(PodStatus::ready).containsExactly("1/1", "1/1");
            assertThat(mesh.pods()).noneMatch(PodStatus::istioProxy);
            // curl -sI prints the response head: status line, headers, CRLF line ends, a blank line
            assertThat(mesh.exec("curl", "curl", HEAD)).startsWith("HTTP/1.1 200 OK\r\n").contains("Server: nginx/1.27.5\r\n")
                    .doesNotContainIgnoringCase("x-envoy").endsWith("\r\n\r\n");
        }
    }

    @Test
    void theLabelChangesOnlyPodsCreatedAfterIt() {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.runPods(NGINX);
            JsonNode before = mesh.podObject("nginx").orElseThrow();
            mesh.enableInjection();
            assertThat(mesh.podObject("nginx")).contains(before);

            mesh.deletePods(NGINX.subList(0, 1));
            assertThat(mesh.podObject("nginx")).isEmpty();
            mesh.runPods(NGINX.subList(0, 1));
            JsonNode after = mesh.podObject("nginx").orElseThrow();
            assertThat(after.path("metadata").path("uid")).isNotEqualTo(before.path("metadata").path("uid"));
            assertThat(mesh.pods()).singleElement().satisfies(p -> assertThat(p.ready()).isEqualTo("2/2"));
        }
    }

    /**
     * Istio 1.28's injection template without CNI, with native sidecars (ENABLE_NATIVE_SIDECARS "auto" since 1.27,
     * native when every kubelet is 1.33+: pkg/kube/inject/webhook.go detectNativeSidecar): istio-init, then istio-proxy
     * as an init container with restartPolicy Always and the Prometheus port 15090; the app's containers untouched.
     */
    @Test
    void injectionAddsIstioInitAndANativeSidecarProxy() {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection();
            mesh.runPods(NGINX);
            JsonNode pod = mesh.podObject("nginx").orElseThrow();
            assertThat(KubectlOutput.jsonpath("{.spec.containers[*].name}", pod)).isEqualTo("nginx");
            assertThat(KubectlOutput.jsonpath("{.spec.initContainers[*].name}", pod)).isEqualTo("istio-init istio-proxy");
            assertThat(KubectlOutput.jsonpath("{.spec.initContainers[?(@.name==\"istio-proxy\")].restartPolicy}", pod)).isEqualTo("Always");
            assertThat(KubectlOutput.jsonpath("{.spec.initContainers[?(@.name==\"istio-proxy\")].ports[*].containerPort}", pod)).isEqualTo("15090");
        }
    }

    @Test
    void theInjectedProxyIsTheReleaseTheK3sBackendInstalls() {
        assertThat(InjectionTemplate.PROXY_IMAGE).isEqualTo("docker.io/istio/proxyv2:" + K3sSettings.DEFAULT_ISTIO_VERSION);
    }

    /**
     * The emulator injects a native sidecar because the k3s it stands in for qualifies: Istio 1.27+ resolves
     * ENABLE_NATIVE_SIDECARS=auto to native when every kubelet's minor version is at least 33
     * (istio/istio pkg/kube/inject/webhook.go, detectNativeSidecar: minVersion := 33).
     */
    @Test
    void theK3sTheEmulatorStandsInForGetsNativeSidecars() {
        assertThat(K3sSettings.defaults().kubernetesMinor()).isGreaterThanOrEqualTo(33);
    }

    /** Through sidecars: Envoy's connection manager sets server to "envoy"; its router adds x-envoy-upstream-service-time; names in lower case. */
    @Test
    void throughSidecarsTheHeadersAreEnvoys() {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection();
            mesh.runPods(NGINX);
            mesh.runPods(CURL);
            assertThat(mesh.exec("curl", "curl", HEAD)).startsWith("HTTP/1.1 200 OK\r\n").contains("server: envoy\r\n")
                    .containsPattern("x-envoy-upstream-service-time: \\d+\r\n").doesNotContain("Server:");
        }
    }

    @Test
    void anNginxImageWithoutAReleaseTagIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nginx-latest.yaml");
        Files.writeString(file, Files.readString(Path.of("manifests/nginx-pod.yaml")).replace("nginx:1.27.5", "nginx:latest"));
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            assertThatThrownBy(() -> mesh.admit(Manifests.load(file))).isInstanceOf(ManifestException.class)
                    .hasMessageContaining("spec.containers[0].image").hasMessageContaining("nginx:latest");
        }
    }
}
