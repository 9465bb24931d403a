package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import workbench.backend.PageClient;
import workbench.backend.PodStatus;
import workbench.manifest.Manifests;
import workbench.testing.StartsK3s;

/**
 * The real thing: k3s in Docker, Istio installed by the Helm controller, Bookinfo from manifests/.
 * Runs only with {@code mvn test -Pk3s}, on Docker that allows privileged containers.
 * Takes several minutes and about 1 GB of downloads on a first run.
 */
@StartsK3s
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class K3sBookinfoTest {
    private static final Path MANIFESTS = Path.of(System.getProperty("workbench.root", "."), "manifests");
    private K3sBackend backend;

    @BeforeAll
    void startCluster() {
        backend = K3sBackend.start(K3sSettings.defaults());
    }

    @AfterAll
    void removeCluster() {
        if (backend != null) backend.close();
    }

    @Test
    @Order(1)
    void bookinfoPodsAllRunWithTheirSidecarReady() {
        backend.deploy(Manifests.load(MANIFESTS.resolve("bookinfo.yaml"), MANIFESTS.resolve("fortio.yaml")));
        List<PodStatus> pods = backend.pods();
        assertThat(pods).hasSize(7).allSatisfy(p -> {
            assertThat(p.phase()).isEqualTo("Running");
            assertThat(p.containers()).as(p.name() + ": app + istio-proxy").isEqualTo(2);
            assertThat(p.readyContainers()).as(p.name()).isEqualTo(2);
        });
        assertThat(backend.stamp()).containsKeys("k3s image", "kubernetes", "istio", "time: k3s start", "time: istio install");
    }

    @Test
    @Order(2)
    void fortioInsideTheMeshGetsTheProductPage() {
        assertThat(backend.fortioCurl("http://productpage:9080/productpage"))
                .contains("<title>Simple Bookstore App</title>")
                .contains("The Comedy of Errors");
    }

    @Test
    @Order(3)
    void applyReturnsOnceTheNewRoutesAreInEffect() throws Exception {
        Duration took = backend.apply(Manifests.load(MANIFESTS.resolve("reviews-destination-rule.yaml"),
                MANIFESTS.resolve("reviews-v1-only.yaml"))).inEffect();
        assertThat(took).isLessThan(Duration.ofSeconds(90));
        PageClient pages = backend.productPage();
        for (int i = 0; i < 10; i++) {
            PageClient.Page page = pages.get("/productpage", Map.of());
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).as("reviews v1 shows no stars").contains("Reviews served by").doesNotContain("glyphicon-star");
        }
    }
}
