package workbench.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import workbench.mesh.MeshRequest;
import org.junit.jupiter.api.Test;
import workbench.backend.PodStatus;
import workbench.manifest.Document;
import workbench.manifest.ManifestException;
import workbench.manifest.Manifests;

class EmbeddedBackendTest {
    private static final List<Document> BOOKINFO = Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml"));

    @Test
    void runsOnePodPerReplicaWithKubernetesStyleNamesAndASidecarEach() {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection();
            mesh.deploy(BOOKINFO);
            assertThat(mesh.pods()).hasSize(7).allMatch(p -> p.ready().equals("2/2") && p.phase().equals("Running"));
            assertThat(mesh.pods()).extracting(PodStatus::name)
                    .anyMatch(n -> n.matches("reviews-v3-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}"));
        }
    }

    @Test
    void closingStopsEveryPodServer() {
        InetSocketAddress productpage;
        List<String> reviewsPods;
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection();
            mesh.deploy(BOOKINFO);
            String url = mesh.browserHint().orElseThrow();
            productpage = new InetSocketAddress("127.0.0.1", Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1")));
            reviewsPods = mesh.pods().stream().map(PodStatus::name).filter(n -> n.startsWith("reviews-")).toList();
            assertThat(productPageAnswers(productpage, reviewsPods)).isTrue();
        }
        assertThat(productPageAnswers(productpage, reviewsPods)).as("this mesh's productpage on its port after close").isFalse();
    }

    @Test
    void twoMeshesSideBySideNeverFightOverPorts() {
        try (EmbeddedBackend a = new EmbeddedBackend(1, "default"); EmbeddedBackend b = new EmbeddedBackend(1, "default")) {
            a.enableInjection();
            a.deploy(BOOKINFO);
            b.enableInjection();
            b.deploy(BOOKINFO);
            assertThat(a.browserHint()).isNotEqualTo(b.browserHint());
            assertThat(a.fortioCurl("http://productpage:9080/productpage")).contains("Reviews served by:");
            assertThat(b.fortioCurl("http://productpage:9080/productpage")).contains("Reviews served by:");
        }
    }

    @Test
    void refusesAnImageItDoesNotEmulateBeforeStartingAnything() {
        Document nginx = Manifests.load(Path.of("src/test/resources/embedded/nginx.yaml")).get(0);
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            assertThatThrownBy(() -> mesh.admit(List.of(nginx))).isInstanceOf(ManifestException.class)
                    .hasMessageContaining("nginx.yaml, document 1 (Deployment web), field spec.template.spec.containers[0].image")
                    .hasMessageContaining("cannot run image 'nginx:1.27'");
            assertThat(mesh.pods()).isEmpty();
        }
    }

    /** The load balancer named in a DestinationRule's YAML is the one the caller's sidecar uses. */
    @Test
    void roundRobinFromYamlCyclesThroughThePodsAndConsistentHashPinsAKey() throws IOException {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection();
            mesh.deploy(BOOKINFO);
            mesh.apply(Manifests.load(Path.of("src/test/resources/embedded/reviews-round-robin.yaml")));
            List<String> pods = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) pods.add(podOf(mesh, Map.of()));
            assertThat(new java.util.HashSet<>(pods)).hasSize(3);
            assertThat(pods.subList(0, 3)).isEqualTo(pods.subList(3, 6));

            mesh.apply(Manifests.load(Path.of("src/test/resources/embedded/reviews-hash-end-user.yaml")));
            java.util.Set<String> jason = new java.util.HashSet<>();
            for (int i = 0; i < 20; i++) jason.add(podOf(mesh, Map.of("end-user", "jason")));
            assertThat(jason).hasSize(1);
        }
    }

    private static String podOf(EmbeddedBackend mesh, Map<String, String> headers) throws IOException {
        String body = mesh.caller().send(MeshRequest.get("http://reviews:9080/reviews/0", headers), Duration.ofSeconds(5)).body();
        return body.replaceAll("(?s).*\"podname\": \"([^\"]+)\".*", "$1");
    }

    /**
     * Whether this mesh's productpage serves its page there: a page naming one of its reviews pods. Not just whether
     * something accepts: once freed, the port may be taken by a listener of another test (even another mesh's
     * productpage), or a connect from the same ephemeral port may meet itself (TCP self-connect) and read back its own request.
     */
    private static boolean productPageAnswers(InetSocketAddress address, List<String> reviewsPods) {
        try (Socket s = new Socket()) {
            s.connect(address, 500);
            s.setSoTimeout(10_000); // the first page crosses a cold mesh
            s.getOutputStream().write("GET /productpage HTTP/1.1\r\nHost: productpage:9080\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return response.startsWith("HTTP/1.1 200") && reviewsPods.stream().anyMatch(response::contains);
        } catch (IOException e) {
            return false;
        }
    }
}
