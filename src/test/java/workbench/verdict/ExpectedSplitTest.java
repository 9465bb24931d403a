package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.bookinfo.ProductPage;
import workbench.mesh.MeshFixture;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshSnapshot;
import workbench.mesh.Pod;
import workbench.mesh.Registry;

/**
 * The expectation comes from the sidecar's own routing decision, so every variant a reader may write is judged
 * the way Envoy would route it: source-specific matches, gateway bindings, two VirtualServices for one host,
 * destinations without a subset.
 */
class ExpectedSplitTest {
    private static final MeshRequest PAGE_REVIEWS_CALL =
            ProductPage.reviewsRequest(MeshRequest.get("http://productpage:9080/productpage", Map.of()));

    private static ExpectedSplit expect(String yaml) {
        return expect(yaml, MeshFixture.bookinfo());
    }

    private static ExpectedSplit expect(String yaml, Registry registry) {
        return ExpectedSplit.derive(new MeshSnapshot(MeshFixture.config(yaml), registry), MeshFixture.PRODUCTPAGE, PAGE_REVIEWS_CALL);
    }

    private static String vs(String name, String http) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: %s}
                spec:
                  hosts: [reviews]
                  http:
                %s
                """.formatted(name, http.indent(2).stripTrailing());
    }

    private static String withSubsets(String yaml) { return MeshFixture.REVIEWS_SUBSETS + "---\n" + yaml; }

    @Test
    void theLessonsCanaryIsEightyTwentyByVersion() throws Exception {
        ExpectedSplit split = expect(Files.readString(Path.of("manifests/reviews-destination-rule.yaml")) + "\n---\n"
                + Files.readString(Path.of("manifests/reviews-canary.yaml")));
        assertThat(split.exact()).isTrue();
        assertThat(split.shares()).containsOnly(entry("v1", 0.8), entry("v3", 0.2));
        assertThat(split.source()).endsWith(".yaml spec.http[0]");
        assertThat(split.failures()).isEmpty();
    }

    @Test
    void aLoneDestinationGetsEverythingEvenWithWeightZero() {
        // Istio: a lone destination's weight is ignored (validation allows 0; Envoy gets one cluster, no weights)
        ExpectedSplit split = expect(withSubsets(vs("reviews", "- route: [{destination: {host: reviews, subset: v2}, weight: 0}]")));
        assertThat(split.shares()).containsOnly(entry("v2", 1.0));
    }

    @Test
    void weightsAreRelativeAndAZeroWeightIsNeverDrawn() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 1}
                  - {destination: {host: reviews, subset: v2}, weight: 3}
                  - {destination: {host: reviews, subset: v3}, weight: 0}""")));
        assertThat(split.shares()).containsOnly(entry("v1", 0.25), entry("v2", 0.75));
        assertThat(split.versions()).containsExactly("v1", "v2");
    }

    @Test
    void aSourceLabelsRuleForProductpageTakesProductpagesCalls() {
        // HTTPMatchRequest.sourceLabels: istiod keeps the block only for sidecars of matching workloads (route.go)
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - match: [{sourceLabels: {app: productpage}}]
                  route: [{destination: {host: reviews, subset: v3}}]
                - route: [{destination: {host: reviews, subset: v1}}]""")));
        assertThat(split.shares()).containsOnly(entry("v3", 1.0));
    }

    @Test
    void aSourceLabelsRuleForAnotherWorkloadIsDroppedFromProductpagesTable() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - match: [{sourceLabels: {app: fortio}}]
                  route: [{destination: {host: reviews, subset: v3}}]
                - route: [{destination: {host: reviews, subset: v1}}]""")));
        assertThat(split.shares()).containsOnly(entry("v1", 1.0));
    }

    @Test
    void aMeshGatewayBindingWithAUriMatchAppliesToSidecars() {
        ExpectedSplit split = expect(withSubsets("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  gateways: [mesh]
                  http:
                  - match: [{uri: {prefix: /reviews/}, gateways: [mesh]}]
                    route: [{destination: {host: reviews, subset: v3}}]
                  - route: [{destination: {host: reviews, subset: v1}}]
                """));
        assertThat(split.shares()).containsOnly(entry("v3", 1.0));
    }

    @Test
    void ofTwoVirtualServicesForOneHostTheOldestIsInForce() {
        // istiod sorts by creationTimestamp and keeps the first for a host it sees twice; analyze reports IST0109
        ExpectedSplit split = expect(withSubsets(vs("reviews", "- route: [{destination: {host: reviews, subset: v1}}]")
                + "---\n" + vs("reviews-canary", """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 80}
                  - {destination: {host: reviews, subset: v3}, weight: 20}""")));
        assertThat(split.shares()).containsOnly(entry("v1", 1.0));
    }

    @Test
    void reapplyingAVirtualServiceKeepsItsPrecedence() {
        String older = vs("a-first", "- route: [{destination: {host: reviews, subset: v2}}]");
        String newer = vs("b-second", "- route: [{destination: {host: reviews, subset: v1}}]");
        String updatedOlder = vs("a-first", "- route: [{destination: {host: reviews, subset: v3}}]");
        ExpectedSplit split = expect(withSubsets(older + "---\n" + newer + "---\n" + updatedOlder));
        assertThat(split.shares()).containsOnly(entry("v3", 1.0));
    }

    @Test
    void aDestinationWithoutSubsetClaimsNoExactShareButNamesEveryVersion() {
        ExpectedSplit split = expect(vs("reviews", "- route: [{destination: {host: reviews}}]"));
        assertThat(split.exact()).isFalse();
        assertThat(split.versions()).containsExactly("v1", "v2", "v3");
        assertThat(split.uniformShare("v2")).isEqualTo(1 / 3.0);
    }

    @Test
    void aSubsetWhoseLabelsSpanVersionsClaimsNoExactShare() {
        ExpectedSplit split = expect("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec:
                  host: reviews
                  subsets: [{name: all, labels: {app: reviews}}]
                ---
                """ + vs("reviews", "- route: [{destination: {host: reviews, subset: all}}]"));
        assertThat(split.exact()).isFalse();
        assertThat(split.versions()).containsExactly("v1", "v2", "v3");
    }

    @Test
    void noVirtualServiceMeansTheDefaultRouteToEveryPod() {
        ExpectedSplit split = expect("");
        assertThat(split.exact()).isFalse();
        assertThat(split.source()).isEqualTo("default route of reviews.default.svc.cluster.local");
        assertThat(split.versions()).containsExactly("v1", "v2", "v3");
    }

    @Test
    void anUndefinedSubsetFailsItsShareAndTheRestIsRenormalised() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 80}
                  - {destination: {host: reviews, subset: v4}, weight: 20}""")));
        assertThat(split.shares()).containsOnly(entry("v1", 1.0));
        assertThat(split.failingShare()).isEqualTo(0.2);
        assertThat(split.failures()).singleElement().asString().contains("reviews/v4", "503 (NC)");
    }

    @Test
    void aSubsetWithoutPodsIsNoHealthyUpstream() {
        Registry registry = MeshFixture.bookinfo();
        registry.removePod(MeshFixture.REVIEWS_V3);
        ExpectedSplit split = expect(withSubsets(vs("reviews", "- route: [{destination: {host: reviews, subset: v3}}]")), registry);
        assertThat(split.versions()).isEmpty();
        assertThat(split.failures()).singleElement().asString().contains("no healthy upstream");
    }

    @Test
    void aRuleMatchingNothingProductpageSendsIsA404() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews, subset: v2}}]""")));
        assertThat(split.versions()).isEmpty();
        assertThat(split.failures()).singleElement().asString().contains("404 (NR)");
    }

    @Test
    void aCallerWithoutTheHeaderTakesTheCatchAll() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews, subset: v2}}]
                - route: [{destination: {host: reviews, subset: v3}}]""")));
        assertThat(split.shares()).containsOnly(entry("v3", 1.0));
    }

    @Test
    void expectationsWrittenOutAreExact() {
        ExpectedSplit split = ExpectedSplit.exactly(Map.of("v1", 0.5, "v3", 0.5), "stated");
        assertThat(split.exact()).isTrue();
        assertThat(split.shares()).containsOnly(entry("v1", 0.5), entry("v3", 0.5));
    }

    @Test
    void aPodWithoutSidecarStillGetsTheExpectationItsConfigurationAsksFor() {
        Pod plain = new Pod(MeshFixture.PRODUCTPAGE.name(), "default", MeshFixture.PRODUCTPAGE.labels(), null, false);
        ExpectedSplit split = ExpectedSplit.derive(new MeshSnapshot(MeshFixture.config(withSubsets(
                vs("reviews", "- route: [{destination: {host: reviews, subset: v1}}]"))), MeshFixture.bookinfo()), plain, PAGE_REVIEWS_CALL);
        assertThat(split.shares()).containsOnly(entry("v1", 1.0));
    }
}
