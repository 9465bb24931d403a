package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

/**
 * Which VirtualService and DestinationRule are in force for a host. istiod sorts configs by creationTimestamp,
 * then name, then namespace (pilot/pkg/model/config.go sortConfigByCreationTime); for a host claimed by
 * several VirtualServices the first in that order wins and `istioctl analyze` reports IST0109; an exact host is
 * preferred to a wildcard (the Istio VirtualService reference, "hosts"); `kubectl apply` of an existing object keeps
 * its creationTimestamp (Kubernetes API conventions: metadata.creationTimestamp is set by the server on create).
 */
class MeshConfigTest {
    private static final String REVIEWS = "reviews.default.svc.cluster.local";

    @TempDir Path dir;

    private List<Document> documents(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(file, yaml);
        return Manifests.load(file);
    }

    private VirtualService vs(String name, String namespace, String created, String... hosts) throws IOException {
        String metadata = "{name: " + name + (namespace.isEmpty() ? "" : ", namespace: " + namespace)
                + (created.isEmpty() ? "" : ", creationTimestamp: '" + created + "'") + "}";
        return VirtualService.read(documents("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: %s
                spec:
                  hosts: [%s]
                  http:
                  - route: [{destination: {host: reviews}}]
                """.formatted(metadata, String.join(", ", hosts))).get(0), "default");
    }

    private DestinationRule dr(String name, String host, String created) throws IOException {
        return DestinationRule.read(documents("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: %s, creationTimestamp: '%s'}
                spec:
                  host: '%s'
                """.formatted(name, created, host)).get(0), "default");
    }

    private static Optional<String> inForce(MeshConfig config, String fqdn) {
        return config.virtualServiceFor(fqdn).map(VirtualService::name);
    }

    @Test
    void ofTwoVirtualServicesForOneHostTheFirstAppliedWins() throws IOException {
        MeshConfig config = MeshConfig.empty().with(vs("b-older", "", "", "reviews")).with(vs("a-newer", "", "", "reviews"));
        assertThat(inForce(config, REVIEWS)).contains("b-older");
    }

    @Test
    void reApplyingKeepsThePlaceAndTakesTheNewContent() throws IOException {
        VirtualService first = vs("first", "", "", "reviews");
        VirtualService second = vs("second", "", "", "reviews");
        VirtualService firstEdited = vs("first", "", "", "reviews", "ratings");
        MeshConfig config = MeshConfig.empty().with(first).with(second).with(firstEdited);
        assertThat(config.virtualServices()).containsExactly(firstEdited, second);
        assertThat(inForce(config, "ratings.default.svc.cluster.local")).contains("first");
    }

    @Test
    void theSameNameInAnotherNamespaceIsAnotherObject() throws IOException {
        MeshConfig config = MeshConfig.empty().with(vs("reviews", "default", "", "reviews")).with(vs("reviews", "test", "", "reviews"));
        assertThat(config.virtualServices()).extracting(VirtualService::namespace).containsExactly("default", "test");
    }

    @Test
    void anExactHostBeatsAWildcardEvenAnOlderOne() throws IOException {
        MeshConfig config = MeshConfig.empty().with(vs("everything", "", "", "'*.default.svc.cluster.local'"))
                .with(vs("ratings", "", "", "ratings")).with(vs("reviews", "", "", "reviews"));
        assertThat(inForce(config, REVIEWS)).contains("reviews");
        assertThat(inForce(config, "details.default.svc.cluster.local")).contains("everything");
        assertThat(inForce(config, "details.other.svc.cluster.local")).isEmpty();
    }

    @Test
    void aVirtualServiceForAnotherHostDoesNotApply() throws IOException {
        MeshConfig config = MeshConfig.empty().with(vs("ratings", "", "", "ratings")).with(vs("wild", "", "", "'*.example.com'"));
        assertThat(inForce(config, REVIEWS)).isEmpty();
    }

    @Test
    void fromTheClusterTheOrderIsCreationTimeThenNameThenNamespace() throws IOException {
        VirtualService newest = vs("a", "default", "2026-11-30T03:00:02Z", "reviews");
        VirtualService oldestB = vs("b", "default", "2026-11-30T03:00:01Z", "reviews");
        VirtualService oldestAInZ = vs("a", "z", "2026-11-30T03:00:01Z", "reviews");
        VirtualService oldestAInB = vs("a", "b", "2026-11-30T03:00:01Z", "reviews");
        // the workbench's own rule, not istiod's: an object read without a creationTimestamp (never applied) goes last
        VirtualService neverApplied = vs("0", "default", "", "reviews");
        MeshConfig config = MeshConfig.fromCluster(List.of(neverApplied, newest, oldestB, oldestAInZ, oldestAInB), List.of());
        assertThat(config.virtualServices()).containsExactly(oldestAInB, oldestAInZ, oldestB, newest, neverApplied);
    }

    @Test
    void fromTheClusterDestinationRulesAreOrderedTooAndTheOldestForAHostWins() throws IOException {
        DestinationRule newer = dr("a-newer", "reviews", "2026-11-30T03:00:02Z");
        DestinationRule older = dr("b-older", "reviews", "2026-11-30T03:00:01Z");
        MeshConfig config = MeshConfig.fromCluster(List.of(), List.of(newer, older));
        assertThat(config.destinationRules()).containsExactly(older, newer);
        assertThat(config.destinationRuleFor(REVIEWS)).contains(older);
    }

    @Test
    void destinationRulesPreferAnExactHostToAWildcardAndIgnoreOtherHosts() throws IOException {
        DestinationRule wildcard = dr("all", "*.default.svc.cluster.local", "2026-11-30T03:00:01Z");
        DestinationRule ratings = dr("ratings", "ratings", "2026-11-30T03:00:02Z");
        DestinationRule reviews = dr("reviews", "reviews.default.svc.cluster.local", "2026-11-30T03:00:03Z");
        MeshConfig config = MeshConfig.empty().with(wildcard).with(ratings).with(reviews);
        assertThat(config.destinationRuleFor(REVIEWS)).contains(reviews);
        assertThat(config.destinationRuleFor("details.default.svc.cluster.local")).contains(wildcard);
        assertThat(config.destinationRuleFor("details.other.svc.cluster.local")).isEmpty();
        assertThat(MeshConfig.empty().with(ratings).destinationRuleFor(REVIEWS)).isEmpty();
    }

    @Test
    void reApplyingADestinationRuleReplacesItInPlace() throws IOException {
        DestinationRule first = dr("reviews", "reviews", "2026-11-30T03:00:01Z");
        DestinationRule other = dr("ratings", "ratings", "2026-11-30T03:00:02Z");
        DestinationRule edited = dr("reviews", "reviews.default.svc.cluster.local", "2026-11-30T03:00:01Z");
        assertThat(MeshConfig.empty().with(first).with(other).with(edited).destinationRules()).containsExactly(edited, other);
    }

    @Test
    void deletingRemovesOnlyThatNamespaceAndName() throws IOException {
        VirtualService reviews = vs("reviews", "default", "", "reviews");
        VirtualService reviewsInTest = vs("reviews", "test", "", "reviews");
        VirtualService ratings = vs("ratings", "default", "", "ratings");
        MeshConfig config = MeshConfig.empty().with(reviews).with(reviewsInTest).with(ratings);
        assertThat(config.withoutVirtualService("default", "reviews").virtualServices()).containsExactly(reviewsInTest, ratings);

        DestinationRule dr = dr("reviews", "reviews", "2026-11-30T03:00:01Z");
        DestinationRule other = dr("ratings", "ratings", "2026-11-30T03:00:01Z");
        MeshConfig withRules = config.with(dr).with(other);
        assertThat(withRules.withoutDestinationRule("default", "reviews").destinationRules()).containsExactly(other);
        assertThat(withRules.withoutDestinationRule("test", "reviews").destinationRules()).containsExactly(dr, other);
        assertThat(withRules.withoutDestinationRule("default", "reviews").virtualServices()).containsExactly(reviews, reviewsInTest, ratings);
        assertThat(withRules.withoutVirtualService("default", "reviews").destinationRules()).containsExactly(dr, other);
    }
}
