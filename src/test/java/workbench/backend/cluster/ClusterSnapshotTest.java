package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.istio.VirtualService;
import workbench.manifest.Document;
import workbench.mesh.KubeService;
import workbench.mesh.MeshSnapshot;
import workbench.mesh.Pod;

/** Reading the mesh back from fabric8's mock API server (CRUD mode), as a lesson's verdict does on a real cluster. */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterSnapshotTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");
    private static final String NS = "bookinfo";

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    static KubernetesClient client;

    @BeforeAll
    static void bookinfoWithTheLessonsIstioConfig() {
        IstioCrds.install(client);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
                .addToLabels("istio-injection", "enabled").endMetadata().build()).create();
        create("""
                {"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"reviews","namespace":"bookinfo"},
                 "spec":{"host":"reviews","subsets":[{"name":"v1","labels":{"version":"v1"}},{"name":"v3","labels":{"version":"v3"}}]}}""");
        create("""
                {"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"reviews","namespace":"bookinfo"},
                 "spec":{"hosts":["reviews"],"http":[{"route":[{"destination":{"host":"reviews","subset":"v1"},"weight":80},
                                                              {"destination":{"host":"reviews","subset":"v3"},"weight":20}]}]}}""");
        create("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"reviews","namespace":"bookinfo","labels":{"app":"reviews"}},
                 "spec":{"selector":{"app":"reviews"},"ports":[{"name":"http","port":9080}]}}""");
        pod("reviews-v1-7d9f8c-abcde", "v1", true, "Running", true);
        pod("reviews-v3-5b6c7d-fghij", "v3", false, "Running", true);
        pod("reviews-v2-6c7d8e-klmno", "v2", true, "Pending", false);
    }

    private static void create(String json) {
        client.resource(json).inNamespace(NS).create();
    }

    private static void pod(String name, String version, boolean proxy, String phase, boolean ready) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToLabels("app", "reviews").addToLabels("version", version).endMetadata()
                .withNewSpec().addNewContainer().withName("reviews").withImage("docker.io/istio/examples-bookinfo-reviews-" + version + ":1.20.3").endContainer().endSpec();
        if (proxy) b.editSpec().addNewContainer().withName("istio-proxy").withImage("docker.io/istio/proxyv2:1.28.10").endContainer().endSpec();
        b.withNewStatus().withPhase(phase).addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
        client.pods().inNamespace(NS).resource(b.build()).create();
    }

    @Test
    void istioConfigIsReadBackAsDocumentsOfTheServersJsonWithTheirCreationTimestamp() {
        MeshSnapshot snapshot = ClusterSnapshot.read(client, NS);
        assertThat(snapshot.config().virtualServices()).singleElement().satisfies(vs -> {
            assertThat(vs.name()).isEqualTo("reviews");
            assertThat(vs.namespace()).isEqualTo(NS);
            assertThat(vs.hosts()).containsExactly("reviews");
            assertThat(vs.http()).hasSize(1);
            assertThat(vs.document().body().at("/metadata/creationTimestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(vs.document().body().at("/spec/http/0/route/1/weight").asInt()).isEqualTo(20);
        });
        assertThat(snapshot.config().destinationRules()).singleElement().satisfies(dr -> {
            assertThat(dr.host()).isEqualTo("reviews");
            assertThat(dr.subsets()).extracting(s -> s.name()).containsExactly("v1", "v3");
        });
    }

    @Test
    void servicesAndThePodsThatServeTrafficBecomeTheRegistry() {
        MeshSnapshot snapshot = ClusterSnapshot.read(client, NS);
        assertThat(snapshot.registry().services()).containsExactly(new KubeService("reviews", NS, 9080, Map.of("app", "reviews")));
        assertThat(snapshot.registry().pods()).as("the Pending, not-ready v2 pod serves nothing").containsExactlyInAnyOrder(
                new Pod("reviews-v1-7d9f8c-abcde", NS, Map.of("app", "reviews", "version", "v1"), null, true),
                new Pod("reviews-v3-5b6c7d-fghij", NS, Map.of("app", "reviews", "version", "v3"), null, false));
        assertThat(snapshot.registry().namespaceLabels(NS)).containsEntry("istio-injection", "enabled");
    }

    private static Document vs(String name, String created) throws Exception {
        return new Document(Path.of("api-server"), 1, JSON.readTree("{\"kind\":\"VirtualService\",\"metadata\":{\"name\":\"" + name
                + "\",\"namespace\":\"" + NS + "\",\"creationTimestamp\":\"" + created + "\"}}"));
    }

    /** istio pilot/pkg/model/config.go, sortConfigByCreationTime: oldest first; equal seconds by name, then namespace. */
    @Test
    void virtualServicesComeInTheOrderIstiodConsidersThem() throws Exception {
        List<Document> docs = new ArrayList<>(List.of(
                vs("b-later", "2026-11-30T03:00:02Z"),
                vs("z-first", "2026-11-30T03:00:01Z"),
                vs("a-later", "2026-11-30T03:00:02Z")));
        docs.sort(ClusterSnapshot.ISTIOD_ORDER);
        assertThat(docs).extracting(Document::name).containsExactly("z-first", "a-later", "b-later");
    }
}
