package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import workbench.manifest.Document;

class NamespacePolicyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> OURS = Map.of(NamespacePolicy.MANAGED_BY_LABEL, NamespacePolicy.MANAGED_BY);
    private static final Map<String, String> THEIRS = Map.of("app", "reviews");

    private static Document doc(String kind, String name, String namespace) {
        ObjectNode body = JSON.createObjectNode();
        body.put("apiVersion", kind.equals("VirtualService") ? "networking.istio.io/v1" : "v1");
        body.put("kind", kind);
        ObjectNode md = body.putObject("metadata");
        md.put("name", name);
        if (namespace != null) md.put("namespace", namespace);
        return new Document(Path.of("manifests/x.yaml"), 1, body);
    }

    @Test
    void theWorkbenchsOwnClusterAllowsEverything() {
        NamespacePolicy p = NamespacePolicy.ownedCluster("default");
        assertThat(p.refuseApply(doc("VirtualService", "reviews", "other"), THEIRS)).isEmpty();
        assertThat(p.refuseDelete(doc("Service", "reviews", null), THEIRS)).isEmpty();
        assertThat(p.mayDeleteNamespace(false)).as("the cluster goes as a whole").isFalse();
    }

    @Test
    void onYourClusterNewObjectsMayBeAppliedAndDeleted() {
        NamespacePolicy p = NamespacePolicy.sharedCluster("workbench-lesson03-abcde", true);
        Document vs = doc("VirtualService", "reviews", null);
        assertThat(p.refuseApply(vs, null)).isEmpty();
        p.applied(vs, false);
        assertThat(p.createdNewestFirst()).containsExactly("VirtualService/reviews");
        assertThat(p.refuseApply(vs, Map.of())).as("re-applying what this run created").isEmpty();
        assertThat(p.refuseDelete(vs, Map.of())).isEmpty();
        p.deleted(vs);
        assertThat(p.createdNewestFirst()).isEmpty();
    }

    @Test
    void anObjectTheWorkbenchDidNotCreateIsNeitherChangedNorDeleted() {
        NamespacePolicy p = NamespacePolicy.sharedCluster("bookinfo", false);
        Document vs = doc("VirtualService", "reviews", null);
        assertThat(p.refuseApply(vs, THEIRS)).get().asString()
                .contains("already exists in namespace bookinfo and was not created by the workbench")
                .contains("Run without --namespace");
        assertThat(p.refuseDelete(vs, THEIRS)).get().asString().contains("does not delete it");
        assertThat(p.refuseDelete(vs, null)).as("already gone is fine").isEmpty();
    }

    @Test
    void anObjectAnEarlierWorkbenchRunCreatedCarriesTheLabel() {
        NamespacePolicy p = NamespacePolicy.sharedCluster("bookinfo", false);
        Document vs = doc("VirtualService", "reviews", null);
        assertThat(p.refuseApply(vs, OURS)).isEmpty();
        assertThat(p.refuseDelete(vs, OURS)).isEmpty();
        p.applied(vs, true);
        assertThat(p.createdNewestFirst()).as("it existed before this run").isEmpty();
    }

    @Test
    void onlyTheLessonNamespaceIsTouched() {
        NamespacePolicy p = NamespacePolicy.sharedCluster("bookinfo", false);
        assertThat(p.refuseApply(doc("Service", "reviews", "kube-system"), null)).get().asString()
                .contains("names namespace kube-system").contains("only inside namespace bookinfo");
        assertThat(p.refuseApply(doc("Namespace", "other", null), null)).get().asString().contains("does not create other namespaces");
        assertThat(p.refuseApply(doc("Namespace", "bookinfo", null), null)).isEmpty();
        assertThat(p.refuseDelete(doc("Service", "x", "istio-system"), OURS)).isPresent();
    }

    @Test
    void aNamespaceIsDeletedOnlyWhenThisRunCreatedItAndItIsNotKept() {
        assertThat(NamespacePolicy.sharedCluster("workbench-x", true).mayDeleteNamespace(false)).isTrue();
        assertThat(NamespacePolicy.sharedCluster("workbench-x", true).mayDeleteNamespace(true)).isFalse();
        assertThat(NamespacePolicy.sharedCluster("bookinfo", false).mayDeleteNamespace(false)).isFalse();
    }

    @Test
    void createdObjectsAreListedNewestFirst() {
        NamespacePolicy p = NamespacePolicy.sharedCluster("bookinfo", false);
        p.applied(doc("Service", "reviews", null), false);
        p.applied(doc("Deployment", "reviews-v1", null), false);
        p.applied(doc("DestinationRule", "reviews", null), false);
        assertThat(p.createdNewestFirst()).containsExactly("DestinationRule/reviews", "Deployment/reviews-v1", "Service/reviews");
    }

    @Test
    void generatedNamesAreFreshDnsLabels() {
        SplittableRandom r = new SplittableRandom(7);
        String a = NamespacePolicy.generatedName("lesson03", r);
        String b = NamespacePolicy.generatedName("lesson03", r);
        assertThat(a).matches("workbench-lesson03-[a-z0-9]{5}").isNotEqualTo(b);
        assertThat(NamespacePolicy.generatedName(null, r)).matches("workbench-[a-z0-9]{5}");
        assertThat(NamespacePolicy.generatedName("Lesson_03 Traffic!", r)).matches("workbench-lesson-03-traffic-[a-z0-9]{5}");
        String longName = NamespacePolicy.generatedName("x".repeat(80), r);
        assertThat(longName).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
}
