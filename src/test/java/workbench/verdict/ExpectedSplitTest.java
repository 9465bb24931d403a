package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.bookinfo.ProductPage;
import workbench.mesh.MeshConfig;
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

    @Test
    void sharesOverTheAnsweringDestinationsAddUpToOne() {
        // a no-subset destination: no exact claim, but its versions still share its weight, one part each
        assertThat(expect(vs("reviews", "- route: [{destination: {host: reviews}}]")).shares())
                .containsOnly(entry("v1", 1 / 3.0), entry("v2", 1 / 3.0), entry("v3", 1 / 3.0));
        ExpectedSplit mixed = expect(withSubsets(vs("reviews", """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 50}
                  - {destination: {host: reviews}, weight: 50}""")));
        assertThat(mixed.exact()).isFalse();
        assertThat(mixed.shares().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aUniformChoiceCountsPodsNotVersions() {
        // LEAST_REQUEST over equally busy pods is a uniform pick per pod (Envoy load balancing docs): two v1 replicas
        // make v1 half of the pages, and v2, v3 a quarter each
        Registry registry = MeshFixture.bookinfo();
        registry.add(MeshFixture.pod("reviews-v1-5b5d6c8b9d-zzzzz", "reviews", "v1"));
        ExpectedSplit split = expect(vs("reviews", "- route: [{destination: {host: reviews}}]"), registry);
        assertThat(split.uniformShare("v1")).isEqualTo(0.5);
        assertThat(split.uniformShare("v2")).isEqualTo(0.25);
        assertThat(split.uniformShare("v4")).isZero();
        assertThat(split.parts()).singleElement().satisfies(p -> {
            assertThat(p.pods()).isEqualTo(4);
            assertThat(p.podsByVersion()).containsOnly(entry("v1", 2), entry("v2", 1), entry("v3", 1));
        });
    }

    @Test
    void aUniformShareWeighsEachDestinationByItsWeightOverTheAnsweringOnes() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 50}
                  - {destination: {host: reviews}, weight: 30}
                  - {destination: {host: reviews, subset: v4}, weight: 20}""")));
        // v4 is undefined (503 NC): the draws left are 50 to v1 and 30 spread over v1, v2, v3
        assertThat(split.uniformShare("v1")).isCloseTo(50 / 80.0 + 30 / 80.0 / 3, within(1e-12));
        assertThat(split.uniformShare("v2")).isCloseTo(30 / 80.0 / 3, within(1e-12));
        assertThat(split.failingShare()).isEqualTo(0.2);
    }

    @Test
    void aHostNoServiceAnswersToIsADnsFailure() {
        ExpectedSplit split = ExpectedSplit.derive(new MeshSnapshot(MeshConfig.empty(), MeshFixture.bookinfo()), MeshFixture.PRODUCTPAGE,
                MeshRequest.get("http://reviewz:9080/reviews/0", Map.of()));
        assertThat(split.source()).isEqualTo("DNS");
        assertThat(split.versions()).isEmpty();
        assertThat(split.exact()).isFalse();
        assertThat(split.failures()).containsExactly("no Service answers to reviewz");
        assertThat(split.failingShare()).isZero();
    }

    @Test
    void aRuleThatMatchesNothingNamesItsFile() {
        ExpectedSplit split = expect(withSubsets(vs("reviews-jason", """
                - match: [{headers: {end-user: {exact: jason}}}]
                  route: [{destination: {host: reviews, subset: v2}}]""")));
        assertThat(split.source()).startsWith("mesh-case").endsWith(".yaml");
        assertThat(split.failures()).containsExactly("no rule of VirtualService reviews-jason matches: Envoy answers 404 (NR)");
    }

    /** Local replies (route.go ApplyRedirect / ApplyDirectResponse) reach no version; the rule is named as the source. */
    @Test
    void aRedirectOrDirectResponseReachesNoVersion() {
        ExpectedSplit redirect = expect(withSubsets(vs("reviews", "- redirect: {uri: /v1/reviews}")));
        assertThat(redirect.source()).endsWith(".yaml spec.http[0]");
        assertThat(redirect.versions()).isEmpty();
        assertThat(redirect.failures()).containsExactly("the rule answers with a redirect");

        ExpectedSplit direct = expect(withSubsets(vs("reviews", "- directResponse: {status: 503}")));
        assertThat(direct.source()).endsWith(".yaml spec.http[0]");
        assertThat(direct.versions()).isEmpty();
        assertThat(direct.failures()).containsExactly("the rule answers directly");

        // istiod's webhook refuses a rule without route, redirect or directResponse; unvalidated, it reaches no version either
        ExpectedSplit nowhere = expect(withSubsets(vs("reviews", "- timeout: 1s")));
        assertThat(nowhere.source()).endsWith(".yaml spec.http[0]");
        assertThat(nowhere.versions()).isEmpty();
        assertThat(nowhere.failures()).containsExactly("the rule has no route");
    }

    /** API HTTPFaultInjection.Abort: the fault filter aborts a share of requests before routing; the split of the rest stands. */
    @Test
    void anAbortFaultKeepsTheSplitAndSaysSomeRequestsFail() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - fault: {abort: {percentage: {value: 10}, httpStatus: 500}}
                  route:
                  - {destination: {host: reviews, subset: v1}, weight: 80}
                  - {destination: {host: reviews, subset: v3}, weight: 20}""")));
        assertThat(split.shares()).containsOnly(entry("v1", 0.8), entry("v3", 0.2));
        assertThat(split.failures()).containsExactly("a fault aborts some requests");
        ExpectedSplit delayOnly = expect(withSubsets(vs("reviews", """
                - fault: {delay: {percentage: {value: 10}, fixedDelay: 1s}}
                  route: [{destination: {host: reviews, subset: v1}}]""")));
        assertThat(delayOnly.failures()).isEmpty();
    }

    @Test
    void eachDestinationIsDescribedByItsWeightItsPodsAndWhyItFails() {
        ExpectedSplit split = expect(withSubsets(vs("reviews", """
                - route:
                  - {destination: {host: reviews, subset: v1}, weight: 75}
                  - {destination: {host: reviews, subset: v4}, weight: 25}""")));
        assertThat(split.describeParts()).containsExactly(
                entry("reviews/v1", "weight 75 (75.0%) → pods v1 ×1"),
                entry("reviews/v4", "weight 25 (25.0%) → no pods (istiod builds no cluster for it: Envoy answers 503 (NC))"));
    }

    @Test
    void aPodWithoutAVersionLabelIsDescribedAsSuch() {
        Registry registry = MeshFixture.bookinfo();
        registry.add(new Pod("reviews-canary-6d8f7c9b5-hhhhh", "default", Map.of("app", "reviews"), null));
        ExpectedSplit split = expect(vs("reviews", "- route: [{destination: {host: reviews}}]"), registry);
        assertThat(split.describeParts()).containsExactly(entry("reviews", "weight 100 (100.0%) → pods (no version) ×1, v1 ×1, v2 ×1, v3 ×1"));
    }
}
