package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.backend.BackendException;
import workbench.manifest.Document;

/**
 * The cluster plumbing against fabric8's mock API server in CRUD mode (it stores what it is sent, honours
 * finalizers, and lists what it stores): what the workbench may create, change and delete on a cluster,
 * and that cleanup waits until deleted objects are really gone. Runs with no Docker and no cluster.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class ClusterContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One mock API server for the class (each test works in namespaces of its own); its request log is switched off. */
    static KubernetesClient client;
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    /** Time that passes only when the waiter sleeps; {@code onSleep} lets a test change the cluster meanwhile. */
    private static final class FakeClock implements Waiter.Clock {
        long now;
        int sleeps;
        Runnable onSleep = () -> {};

        @Override public long nanos() { return now; }

        @Override public void sleep(Duration d) {
            now += d.toNanos();
            sleeps++;
            onSleep.run();
        }
    }

    private final FakeClock clock = new FakeClock();

    @BeforeAll
    static void istioCrdsAreInstalled() { IstioCrds.install(client); }

    private ClusterMesh mesh(NamespacePolicy policy) {
        return new ClusterMesh(client, policy, new Waiter(clock, Duration.ofSeconds(1)), new PhaseClock(), Duration.ofMinutes(1));
    }

    private static Document doc(String json) {
        try {
            return new Document(Path.of("lesson.yaml"), 1, JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document service(String name) {
        return doc("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"" + name + "\"}},"
                + "\"spec\":{\"selector\":{\"app\":\"" + name + "\"},\"ports\":[{\"name\":\"http\",\"port\":9080}]}}");
    }

    /** A VirtualService for a host that is not a Service here, so applying it needs no sidecar to read back. */
    private static Document virtualService(String name) {
        return doc("{\"apiVersion\":\"networking.istio.io/v1\",\"kind\":\"VirtualService\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{\"hosts\":[\"" + name + "\"],\"http\":[{\"route\":[{\"destination\":{\"host\":\"" + name + "\"}}]}]}}");
    }

    private void userNamespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().build()).create();
    }

    private Map<String, String> namespaceLabels(String name) {
        return client.namespaces().withName(name).get().getMetadata().getLabels();
    }

    @Test
    void aNamespaceTheRunCreatesIsLabelledForInjectionAndAsTheWorkbenchs() {
        mesh(NamespacePolicy.sharedCluster("workbench-lesson03-k2x9q", true)).ensureNamespace();
        assertThat(namespaceLabels("workbench-lesson03-k2x9q"))
                .containsEntry("istio-injection", "enabled")
                .containsEntry("app.kubernetes.io/managed-by", "istio-workbench");
    }

    @Test
    void onItsOwnClusterAnExistingNamespaceGetsTheInjectionLabelAndKeepsTheRest() {
        userNamespace("existing", Map.of("team", "platform"));
        mesh(NamespacePolicy.ownedCluster("existing")).ensureNamespace();
        assertThat(namespaceLabels("existing")).containsEntry("team", "platform").containsEntry("istio-injection", "enabled");
    }

    @Test
    void aUserNamespaceWithoutInjectionIsRefusedAndLeftAsItWas() {
        String theirs = "team-a";
        userNamespace(theirs, Map.of("team", "a"));
        assertThatThrownBy(() -> mesh(NamespacePolicy.sharedCluster(theirs, false)).ensureNamespace())
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("kubectl label namespace " + theirs + " istio-injection=enabled");
        assertThat(namespaceLabels(theirs)).containsExactly(Map.entry("team", "a"));
    }

    @Test
    void anObjectItDidNotCreateIsRefusedNotOverwritten() {
        String theirs = "team-b";
        userNamespace(theirs, Map.of("istio-injection", "enabled"));
        client.services().inNamespace(theirs).resource(new ServiceBuilder().withNewMetadata().withName("reviews").endMetadata()
                .withNewSpec().addNewPort().withPort(1234).endPort().endSpec().build()).create();

        assertThatThrownBy(() -> mesh(NamespacePolicy.sharedCluster(theirs, false)).deploy(List.of(service("reviews"))))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("Service reviews already exists in namespace " + theirs)
                .hasMessageContaining("was not created by the workbench");
        var reviews = client.services().inNamespace(theirs).withName("reviews").get();
        assertThat(reviews.getSpec().getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(1234));
        assertThat(reviews.getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/managed-by");
    }

    @Test
    void everythingItAppliesCarriesTheManagedByLabel() {
        ClusterMesh mesh = mesh(NamespacePolicy.sharedCluster("workbench-x", true));
        mesh.deploy(List.of(service("reviews")));
        mesh.apply(List.of(virtualService("ratings")));
        assertThat(client.services().inNamespace("workbench-x").withName("reviews").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "istio-workbench").containsEntry("app", "reviews");
        assertThat(client.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace("workbench-x")
                .withName("ratings").get().getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "istio-workbench");
    }

    @Test
    void inTheUsersNamespaceItDeletesOnlyWhatItCreated() {
        String theirs = "team-c";
        userNamespace(theirs, Map.of("istio-injection", "enabled"));
        client.services().inNamespace(theirs).resource(new ServiceBuilder().withNewMetadata().withName("mine").endMetadata()
                .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();
        ClusterMesh mesh = mesh(NamespacePolicy.sharedCluster(theirs, false));
        mesh.deploy(List.of(service("reviews")));
        mesh.apply(List.of(virtualService("ratings")));

        assertThatThrownBy(() -> mesh.delete(List.of(service("mine"))))
                .isInstanceOf(BackendException.class).hasMessageContaining("was not created by the workbench, so the workbench does not delete it");
        mesh.deleteCreated(false);

        assertThat(client.services().inNamespace(theirs).list().getItems()).extracting(s -> s.getMetadata().getName()).containsExactly("mine");
        assertThat(client.genericKubernetesResources("networking.istio.io/v1", "VirtualService").inNamespace(theirs).list().getItems()).isEmpty();
        assertThat(client.namespaces().withName(theirs).get()).as("a namespace it did not create stays").isNotNull();
    }

    @Test
    void aNamespaceTheRunCreatedIsDeletedWholeUnlessKept() {
        mesh(NamespacePolicy.sharedCluster("workbench-kept", true)).deleteCreated(true);
        assertThat(client.namespaces().withName("workbench-kept").get()).isNull(); // never created: ensureNamespace not called
        ClusterMesh kept = mesh(NamespacePolicy.sharedCluster("workbench-kept", true));
        kept.deploy(List.of(service("reviews")));
        kept.deleteCreated(true);
        assertThat(client.namespaces().withName("workbench-kept").get()).isNotNull();

        ClusterMesh gone = mesh(NamespacePolicy.sharedCluster("workbench-gone", true));
        gone.deploy(List.of(service("reviews")));
        gone.deleteCreated(false);
        assertThat(client.namespaces().withName("workbench-gone").get()).isNull();
    }

    private Document heldService(String ns) {
        ClusterMesh mesh = mesh(NamespacePolicy.ownedCluster(ns));
        Document held = service("held");
        mesh.deploy(List.of(held));
        // a controller's finalizer: the API server keeps the object, terminating, until it is removed
        client.services().inNamespace(ns).withName("held").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"finalizers\":[\"example.com/hold\"]}}");
        return held;
    }

    @Test
    void cleanupWaitsUntilADeletedObjectIsReallyGone() {
        ClusterMesh mesh = mesh(NamespacePolicy.ownedCluster("released"));
        Document held = heldService("released");
        clock.onSleep = () -> {
            if (clock.sleeps == 3) {
                client.services().inNamespace("released").withName("held").patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"finalizers\":null}}");
            }
        };

        mesh.delete(List.of(held));

        assertThat(clock.sleeps).as("it polled while the object was terminating").isGreaterThanOrEqualTo(3);
        assertThat(mesh.existing(List.of(held))).isEmpty();
    }

    @Test
    void cleanupWaitsAtMostItsBoundAndNamesWhatRemains() {
        ClusterMesh mesh = mesh(NamespacePolicy.ownedCluster("held"));
        Document held = heldService("held");

        mesh.delete(List.of(held));

        assertThat(Duration.ofNanos(clock.now)).isBetween(ClusterMesh.DELETE_TIMEOUT, ClusterMesh.DELETE_TIMEOUT.plusSeconds(1));
        assertThat(client.services().inNamespace("held").withName("held").get().getMetadata().getDeletionTimestamp())
                .as("terminating, held by its finalizer").isNotNull();
        assertThat(mesh.existing(List.of(held))).containsExactly("Service/held");
    }
}
