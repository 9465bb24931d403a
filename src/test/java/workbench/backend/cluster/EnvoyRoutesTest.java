package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

/** Expected routes from the lesson manifests against config dumps shaped like Istio 1.28's Envoy output. */
class EnvoyRoutesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path MANIFESTS = Path.of(System.getProperty("workbench.root", "."), "manifests");
    private static final String REVIEWS = "reviews.default.svc.cluster.local";
    private static final String VHOST = REVIEWS + ":9080";
    private static final EnvoyRoutes.ServicePorts PORTS =
            fqdn -> fqdn.startsWith("reviews.") || fqdn.startsWith("ratings.") ? List.of(9080) : List.of();

    private static List<Document> manifest(String file) { return Manifests.load(MANIFESTS.resolve(file)); }

    private static Document yaml(String text) throws Exception {
        return new Document(Path.of("inline.yaml"), 1, YAML.readTree(text));
    }

    private static String c(String subset) { return "outbound|9080|" + subset + "|" + REVIEWS; }

    /** A routes dump ({@code config_dump?resource=dynamic_route_configs}) with one virtual host for reviews. */
    private static JsonNode routesDump(String routesJson) throws Exception {
        return JSON.readTree("""
                {"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.RoutesConfigDump.DynamicRouteConfig",
                  "version_info":"2026-11-28T14:00:00Z/12",
                  "route_config":{"@type":"type.googleapis.com/envoy.config.route.v3.RouteConfiguration","name":"9080",
                    "virtual_hosts":[
                      {"name":"allow_any","domains":["*"],"routes":[{"name":"allow_any","match":{"prefix":"/"},"route":{"cluster":"PassthroughCluster"}}]},
                      {"name":"%s","domains":["%s","reviews","reviews.default.svc","reviews.default"],"routes":%s,
                       "include_request_attempt_count":true}],
                    "validate_clusters":false}}]}
                """.formatted(VHOST, REVIEWS, routesJson));
    }

    private static final String DEFAULT_ROUTE = """
            [{"name":"default","match":{"prefix":"/"},"route":{"cluster":"outbound|9080||%s","timeout":"0s",
              "retry_policy":{"retry_on":"connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes","num_retries":2}},
              "decorator":{"operation":"reviews.default.svc.cluster.local:9080/*"}}]""".formatted(REVIEWS);

    private static final String CANARY_ROUTE = """
            [{"match":{"prefix":"/"},"route":{"weighted_clusters":{"clusters":[
                {"name":"outbound|9080|v1|%1$s","weight":80},{"name":"outbound|9080|v3|%1$s","weight":20}]},
              "timeout":"0s","retry_policy":{"num_retries":2}},
              "metadata":{"filter_metadata":{"istio":{"config":"/apis/networking.istio.io/v1/namespaces/default/virtual-service/reviews"}}}}]
            """.formatted(REVIEWS);

    @Test
    void canaryVirtualServiceExpectsWeightedSubsetClusters() {
        EnvoyRoutes.Expectation e = EnvoyRoutes.expect(manifest("reviews-canary.yaml"), "default", PORTS);
        assertThat(e.virtualHosts()).containsOnlyKeys(VHOST);
        assertThat(e.virtualHosts().get(VHOST)).containsExactly(
                new EnvoyRoutes.Route(List.of(c("v1") + "=80", c("v3") + "=20"), List.of(), false, null));
        assertThat(e.unverifiable()).isEmpty();
    }

    @Test
    void theOldDefaultRouteIsNotTheNewConfig() throws Exception {
        EnvoyRoutes.Expectation e = EnvoyRoutes.expect(manifest("reviews-canary.yaml"), "default", PORTS);
        assertThat(EnvoyRoutes.pending(e, EnvoyRoutes.routesIn(routesDump(DEFAULT_ROUTE)), java.util.Set.of())).get().asString()
                .contains(VHOST + " still routes [outbound|9080||" + REVIEWS + "]")
                .contains("expected [" + c("v1") + "=80, " + c("v3") + "=20]");
        assertThat(EnvoyRoutes.pending(e, EnvoyRoutes.routesIn(routesDump(CANARY_ROUTE)), java.util.Set.of())).isEmpty();
    }

    @Test
    void switchingFromCanaryToV1OnlyIsSeen() throws Exception {
        EnvoyRoutes.Expectation v1 = EnvoyRoutes.expect(manifest("reviews-v1-only.yaml"), "default", PORTS);
        assertThat(v1.virtualHosts().get(VHOST)).containsExactly(new EnvoyRoutes.Route(List.of(c("v1")), List.of(), false, null));
        assertThat(EnvoyRoutes.pending(v1, EnvoyRoutes.routesIn(routesDump(CANARY_ROUTE)), java.util.Set.of())).isPresent();
        String v1Route = """
                [{"match":{"prefix":"/"},"route":{"cluster":"outbound|9080|v1|%s","timeout":"0s"}}]""".formatted(REVIEWS);
        assertThat(EnvoyRoutes.pending(v1, EnvoyRoutes.routesIn(routesDump(v1Route)), java.util.Set.of())).isEmpty();
    }

    /** Routes Istio or other config add after the VirtualService's own do not hold up the wait (issue 8). */
    @Test
    void theVirtualServicesRoutesLeadingTheListIsEnoughExtraRoutesAfterThemAreNotCompared() throws Exception {
        EnvoyRoutes.Expectation v1 = EnvoyRoutes.expect(manifest("reviews-v1-only.yaml"), "default", PORTS);
        String v1ThenExtra = """
                [{"match":{"prefix":"/"},"route":{"cluster":"outbound|9080|v1|%1$s","timeout":"0s"}},
                 {"name":"added","match":{"prefix":"/extra"},"route":{"cluster":"outbound|9080|v2|%1$s"}}]""".formatted(REVIEWS);
        assertThat(EnvoyRoutes.pending(v1, EnvoyRoutes.routesIn(routesDump(v1ThenExtra)), java.util.Set.of())).isEmpty();
    }

    /** Matching is first to last: a stale route before the VirtualService's would still take requests, so it is not in effect yet. */
    @Test
    void aStaleRouteInFrontOfTheVirtualServicesRoutesMeansNotYet() throws Exception {
        EnvoyRoutes.Expectation v1 = EnvoyRoutes.expect(manifest("reviews-v1-only.yaml"), "default", PORTS);
        String staleFirst = """
                [{"match":{"prefix":"/","headers":[{"name":"end-user","string_match":{"exact":"jason"}}]},
                  "route":{"cluster":"outbound|9080|v2|%1$s"}},
                 {"match":{"prefix":"/"},"route":{"cluster":"outbound|9080|v1|%1$s","timeout":"0s"}}]""".formatted(REVIEWS);
        assertThat(EnvoyRoutes.pending(v1, EnvoyRoutes.routesIn(routesDump(staleFirst)), java.util.Set.of())).get().asString()
                .contains(VHOST + " still routes");
        assertThat(EnvoyRoutes.pending(v1, Map.of(), java.util.Set.of())).get().asString().contains("no route for " + VHOST + " yet");
    }

    @Test
    void destinationRuleSubsetsMustBeKnownClusters() throws Exception {
        EnvoyRoutes.Expectation e = EnvoyRoutes.expect(manifest("reviews-destination-rule.yaml"), "default", PORTS);
        assertThat(e.clusters()).containsExactly(c("v1"), c("v2"), c("v3"));
        JsonNode before = JSON.readTree("""
                {"configs":[{"@type":"type.googleapis.com/envoy.admin.v3.ClustersConfigDump.DynamicCluster",
                  "cluster":{"@type":"type.googleapis.com/envoy.config.cluster.v3.Cluster","name":"outbound|9080||%s",
                    "type":"EDS","eds_cluster_config":{"service_name":"outbound|9080||%s"}}}]}""".formatted(REVIEWS, REVIEWS));
        assertThat(EnvoyRoutes.clustersIn(before)).containsExactly("outbound|9080||" + REVIEWS);
        assertThat(EnvoyRoutes.pending(e, Map.of(), EnvoyRoutes.clustersIn(before))).get().asString()
                .contains("cluster " + c("v1") + " not known yet");
        assertThat(EnvoyRoutes.pending(e, Map.of(), java.util.Set.of(c("v1"), c("v2"), c("v3"), "outbound|9080||" + REVIEWS))).isEmpty();
    }

    @Test
    void headerMatchesAreComparedRouteByRoute() throws Exception {
        Document vs = yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match:
                    - headers:
                        end-user: {exact: jason}
                    route:
                    - destination: {host: reviews, subset: v2}
                  - route:
                    - destination: {host: reviews, subset: v1}
                """);
        EnvoyRoutes.Expectation e = EnvoyRoutes.expect(List.of(vs), "default", PORTS);
        String routes = """
                [{"match":{"prefix":"/","case_sensitive":true,"headers":[{"name":"end-user","string_match":{"exact":"jason"}}]},
                  "route":{"cluster":"outbound|9080|v2|%1$s","timeout":"0s"}},
                 {"match":{"prefix":"/"},"route":{"cluster":"outbound|9080|v1|%1$s","timeout":"0s"}}]""".formatted(REVIEWS);
        assertThat(EnvoyRoutes.pending(e, EnvoyRoutes.routesIn(routesDump(routes)), java.util.Set.of())).isEmpty();
        String otherUser = routes.replace("\"jason\"", "\"json\"");
        assertThat(EnvoyRoutes.pending(e, EnvoyRoutes.routesIn(routesDump(otherUser)), java.util.Set.of())).get().asString()
                .contains("when end-user=exact:json");
    }

    @Test
    void aTimeoutSetByTheVirtualServiceMustBeThere() throws Exception {
        Document vs = yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - timeout: 0.5s
                    fault:
                      delay: {percentage: {value: 100}, fixedDelay: 2s}
                    route:
                    - destination: {host: reviews, subset: v2}
                """);
        EnvoyRoutes.Expectation e = EnvoyRoutes.expect(List.of(vs), "default", PORTS);
        String route = """
                [{"match":{"prefix":"/"},"route":{"cluster":"outbound|9080|v2|%s","timeout":"%s"},
                  "typed_per_filter_config":{"envoy.filters.http.fault":{"@type":"type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault"}}}]""";
        assertThat(EnvoyRoutes.pending(e, EnvoyRoutes.routesIn(routesDump(route.formatted(REVIEWS, "0.500s"))), java.util.Set.of())).isEmpty();
        assertThat(EnvoyRoutes.pending(e, EnvoyRoutes.routesIn(routesDump(route.formatted(REVIEWS, "0s"))), java.util.Set.of())).isPresent();
    }

    @Test
    void zeroWeightsAreDroppedLikeIstioDoes() throws Exception {
        Document vs = yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v1}
                      weight: 100
                    - destination: {host: reviews, subset: v3}
                      weight: 0
                """);
        assertThat(EnvoyRoutes.expect(List.of(vs), "default", PORTS).virtualHosts().get(VHOST))
                .containsExactly(new EnvoyRoutes.Route(List.of(c("v1") + "=100"), List.of(), false, null));
    }

    @Test
    void whatCannotBeCheckedIsNotedNotAwaited() throws Exception {
        Document external = yaml("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: httpbin}
                spec:
                  hosts: [httpbin.org]
                  http:
                  - route:
                    - destination: {host: httpbin.org}
                """);
        EnvoyRoutes.Expectation e = EnvoyRoutes.expect(List.of(external), "default", PORTS);
        assertThat(e.isEmpty()).isTrue();
        assertThat(e.unverifiable()).singleElement().asString().contains("host httpbin.org is not a Service here");
    }

    @Test
    void hostsAndDurationsAreResolvedLikeIstio() {
        assertThat(EnvoyRoutes.fqdn("reviews", "default")).isEqualTo(REVIEWS);
        assertThat(EnvoyRoutes.fqdn("reviews.bookinfo", "default")).as("a dotted name is taken as written").isEqualTo("reviews.bookinfo");
        assertThat(EnvoyRoutes.fqdn(REVIEWS, "other")).isEqualTo(REVIEWS);
        assertThat(EnvoyRoutes.millis("0.500s")).isEqualTo(500L);
        assertThat(EnvoyRoutes.millis("10s")).isEqualTo(10_000L);
        assertThat(EnvoyRoutes.millis("250ms")).isEqualTo(250L);
        assertThat(EnvoyRoutes.millis("1m")).isEqualTo(60_000L);
        assertThat(EnvoyRoutes.millis("soon")).isNull();
    }
}
