package workbench.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
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
            mesh.deploy(BOOKINFO);
            assertThat(mesh.pods()).hasSize(7).allMatch(p -> p.ready().equals("2/2") && p.phase().equals("Running"));
            assertThat(mesh.pods()).extracting(PodStatus::name)
                    .anyMatch(n -> n.matches("reviews-v3-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}"));
        }
    }

    @Test
    void closingStopsEveryPodServer() {
        InetSocketAddress productpage;
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.deploy(BOOKINFO);
            String url = mesh.browserHint().orElseThrow();
            productpage = new InetSocketAddress("127.0.0.1", Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1")));
            assertThat(canConnect(productpage)).isTrue();
        }
        assertThat(canConnect(productpage)).as("productpage's port after close").isFalse();
    }

    @Test
    void twoMeshesSideBySideNeverFightOverPorts() {
        try (EmbeddedBackend a = new EmbeddedBackend(1, "default"); EmbeddedBackend b = new EmbeddedBackend(1, "default")) {
            a.deploy(BOOKINFO);
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

    private static boolean canConnect(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
