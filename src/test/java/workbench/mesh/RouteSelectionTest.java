package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static workbench.mesh.MeshFixture.FORTIO;
import static workbench.mesh.MeshFixture.PRODUCTPAGE;
import static workbench.mesh.MeshFixture.REVIEWS_SUBSETS;
import static workbench.mesh.MeshFixture.get;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.istio.Destination;
import workbench.istio.RouteDestination;

/**
 * The deterministic half of the sidecar's routing ({@link Router#select}), which the lesson's expectation also
 * uses, case by case; and the weighted draw that follows it. Sources as in {@link RouterConformanceTest}:
 * route.go = istio pilot/pkg/networking/core/route/route.go; config_impl.cc = Envoy source/common/router.
 */
class RouteSelectionTest {

    record Case(String name, String yaml, Pod caller, MeshRequest request, String expected) {
        @Override public String toString() { return name; }
    }

    static final Pod IN_TEST_NAMESPACE = new Pod("sleep-7d9f5c6b4-ggggg", "test", Map.of("app", "sleep"), null);

    /** One VirtualService for reviews with the given {@code http:} list, and the reviews subsets. */
    static String reviews(String http) { return RouterConformanceTest.reviews(http); }

    /** A rule with {@code block} as its only match block, routing to v2; then, if {@code catchAll}, everything else to v1. */
    static String onlyWhen(String block, boolean catchAll) {
        return reviews("""
                - match:
                  - %s
                  route: [{destination: {host: reviews, subset: v2}}]
                """.formatted(block) + (catchAll ? "- route: [{destination: {host: reviews, subset: v1}}]\n" : ""));
    }

    /** What the selection says, in a few words: its kind and, for a rule, where the rule and its matching block are. */
    static String describe(RouteSelection s) {
        if (s instanceof RouteSelection.Unresolved u) return "unresolved " + u.host();
        if (s instanceof RouteSelection.DefaultRoute d) return "default route " + d.service().fqdn();
        if (s instanceof RouteSelection.NoRoute n) return "no route in " + n.virtualService().name() + " for " + n.service().name();
        RouteSelection.Rule r = (RouteSelection.Rule) s;
        return r.rule().path() + r.match().map(m -> " " + m.path()).orElse("");
    }

    static Stream<Case> cases() {
        String r0 = "http://reviews:9080/reviews/0";
        String defaultRoute = "default route reviews.default.svc.cluster.local";
        return Stream.of(
            // Kubernetes DNS: a short name resolves in the caller's own namespace; no Service, no route at all
            new Case("a host no Service answers to", "", PRODUCTPAGE, get("http://nowhere:9080/"), "unresolved nowhere"),
            new Case("a short name from another namespace", "", IN_TEST_NAMESPACE, get(r0), "unresolved reviews"),
            new Case("the FQDN from another namespace", "", IN_TEST_NAMESPACE, get("http://reviews.default.svc.cluster.local:9080/"), defaultRoute),
            new Case("a request from outside any pod resolves in default", "", null, get(r0), defaultRoute),
            // no VirtualService: the Service's own cluster (BuildSidecarVirtualHostWrapper's default route)
            new Case("no VirtualService", REVIEWS_SUBSETS, PRODUCTPAGE, get(r0), defaultRoute),
            new Case("a VirtualService for another host", REVIEWS_SUBSETS + "---\n" + """
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: ratings}
                    spec:
                      hosts: [ratings]
                      http:
                      - route: [{destination: {host: ratings}}]
                    """, PRODUCTPAGE, get(r0), defaultRoute),
            // route.go sourceMatchHTTP / TranslateRoute: blocks that do not apply to this sidecar are dropped at config time;
            // a VirtualService with nothing left is skipped for it
            new Case("sourceLabels of another workload, nothing left", onlyWhen("sourceLabels: {app: fortio}", false), PRODUCTPAGE, get(r0), defaultRoute),
            new Case("sourceLabels of the caller", onlyWhen("sourceLabels: {app: productpage}", false), PRODUCTPAGE, get(r0), "spec.http[0] spec.http[0].match[0]"),
            new Case("sourceLabels must all hold", onlyWhen("sourceLabels: {app: productpage, version: v2}", true), PRODUCTPAGE, get(r0), "spec.http[1]"),
            new Case("sourceLabels from outside any pod", onlyWhen("sourceLabels: {app: productpage}", true), null, get(r0), "spec.http[1]"),
            new Case("sourceNamespace from outside any pod", onlyWhen("sourceNamespace: default", true), null, get(r0), "spec.http[1]"),
            new Case("sourceNamespace of the caller", onlyWhen("sourceNamespace: default", true), PRODUCTPAGE, get(r0), "spec.http[0] spec.http[0].match[0]"),
            new Case("a block without source conditions applies to a request from outside", onlyWhen("uri: {prefix: /reviews}", true), null, get(r0), "spec.http[0] spec.http[0].match[0]"),
            new Case("port of another listener, nothing left", onlyWhen("port: 8080", false), PRODUCTPAGE, get(r0), defaultRoute),
            new Case("port of this listener", onlyWhen("port: 9080", false), PRODUCTPAGE, get(r0), "spec.http[0] spec.http[0].match[0]"),
            new Case("gateways without mesh, nothing left", onlyWhen("gateways: [bookinfo-gateway]", false), PRODUCTPAGE, get(r0), defaultRoute),
            new Case("gateways with mesh ignore sourceLabels", onlyWhen("{gateways: [mesh], sourceLabels: {app: nobody}}", false), FORTIO, get(r0), "spec.http[0] spec.http[0].match[0]"),
            // Envoy: routes are tried in order, the first match wins; none matching is a 404 (NR)
            new Case("no rule matches", onlyWhen("headers: {end-user: {exact: jason}}", false), PRODUCTPAGE, get(r0), "no route in reviews for reviews"),
            new Case("the second block of a rule matches", reviews("""
                    - match:
                      - headers: {end-user: {exact: jason}}
                      - uri: {prefix: /reviews}
                      route: [{destination: {host: reviews, subset: v2}}]
                    """), PRODUCTPAGE, get(r0), "spec.http[0] spec.http[0].match[1]"),
            new Case("a rule without blocks matches everything and ends the table", reviews("""
                    - route: [{destination: {host: reviews, subset: v1}}]
                    - route: [{destination: {host: reviews, subset: v2}}]
                    """), PRODUCTPAGE, get(r0), "spec.http[0]")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void selects(Case c) {
        RouteSelection selection = Router.select(MeshFixture.config(c.yaml()), MeshFixture.bookinfo(), c.caller(), c.request());
        assertThat(describe(selection)).isEqualTo(c.expected());
    }

    @Test
    void theRuleSelectionNamesItsFileAndRule() {
        RouteSelection selection = Router.select(MeshFixture.config(onlyWhen("uri: {prefix: /reviews}", true)), MeshFixture.bookinfo(),
                PRODUCTPAGE, get("http://reviews:9080/reviews/0"));
        assertThat(((RouteSelection.Rule) selection).source()).startsWith("mesh-case").endsWith(".yaml spec.http[0]");
    }

    @Test
    void theDefaultRouteToAServiceWithoutPodsIsNoHealthyUpstream() {
        // Envoy: a cluster without healthy endpoints answers 503 "no healthy upstream" (UH)
        Registry registry = MeshFixture.bookinfo();
        for (Pod p : List.of(MeshFixture.REVIEWS_V1, MeshFixture.REVIEWS_V2, MeshFixture.REVIEWS_V3)) registry.removePod(p);
        RouteDecision decision = Router.route(MeshConfig.empty(), registry, PRODUCTPAGE, get("http://reviews:9080/reviews/0"), new SplittableRandom(1));
        assertThat(decision).isInstanceOfSatisfying(RouteDecision.LocalReply.class, r -> {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.body()).isEqualTo("no healthy upstream");
        });
    }

    // --- the weighted draw: Envoy config_impl.cc pickWeightedCluster takes a random value modulo the total weight and
    // walks the clusters, each owning [begin, begin + weight) ---

    /** A generator whose bounded draw is fixed, to reach each edge of the weight ranges. */
    record FixedDraw(long value) implements RandomGenerator {
        @Override public long nextLong() { throw new AssertionError("only bounded draws are expected"); }

        @Override public long nextLong(long bound) {
            assertThat(value).isLessThan(bound);
            return value;
        }
    }

    /** Fails the test if the router draws at all. */
    static final RandomGenerator NO_DRAW = () -> { throw new AssertionError("no draw expected"); };

    static RouteDestination to(String subset, Integer weight) {
        return new RouteDestination(new Destination("reviews", subset, java.util.OptionalInt.empty()), weight, "route");
    }

    @ParameterizedTest(name = "80/20, draw {0} → {1}")
    @CsvSource({"0, v1", "79, v1", "80, v3", "99, v3"})
    void eachDestinationOwnsItsWeightsShareOfTheDraws(long draw, String subset) {
        RouteDestination chosen = Router.pickWeighted(List.of(to("v1", 80), to("v3", 20)), new FixedDraw(draw));
        assertThat(chosen.destination().subset()).isEqualTo(subset);
    }

    @ParameterizedTest(name = "1/0/3, draw {0} → {1}")
    @CsvSource({"0, v1", "1, v3", "3, v3"})
    void weightsAreRelativeAndAZeroWeightOwnsNoDraw(long draw, String subset) {
        RouteDestination chosen = Router.pickWeighted(List.of(to("v1", 1), to("v2", 0), to("v3", 3)), new FixedDraw(draw));
        assertThat(chosen.destination().subset()).isEqualTo(subset);
    }

    @Test
    void aLoneDestinationIsTakenWithoutADraw() {
        // API HTTPRouteDestination.weight: "If there is only one destination in a rule, it will receive all traffic"
        assertThat(Router.pickWeighted(List.of(to("v2", null)), NO_DRAW).destination().subset()).isEqualTo("v2");
        assertThat(Router.pickWeighted(List.of(to("v2", 0)), NO_DRAW).destination().subset()).isEqualTo("v2");
    }

    @Test
    void anUnsetWeightAmongSeveralOwnsNoDraw() {
        // Envoy gets weight 0 for it; istiod's webhook refuses the manifest ("weight may not be nil"), this is the unvalidated path
        assertThat(Router.pickWeighted(List.of(to("v1", null), to("v3", 5)), new FixedDraw(0)).destination().subset()).isEqualTo("v3");
    }

    @Test
    void allWeightsZeroTakeTheFirstWithoutADraw() {
        // istiod's webhook refuses this ("total destination weight = 0"); unvalidated, the workbench takes the first rather than fail
        assertThat(Router.pickWeighted(List.of(to("v1", 0), to("v3", 0)), NO_DRAW).destination().subset()).isEqualTo("v1");
    }

    @Test
    void theEffectiveWeightOfADestination() {
        assertThat(to("v1", 0).effectiveWeight(1)).isEqualTo(100);
        assertThat(to("v1", null).effectiveWeight(2)).isZero();
        assertThat(to("v1", -5).effectiveWeight(2)).isZero();
        assertThat(to("v1", 30).effectiveWeight(3)).isEqualTo(30);
    }
}
