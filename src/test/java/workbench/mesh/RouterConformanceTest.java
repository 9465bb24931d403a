package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static workbench.mesh.MeshFixture.FORTIO;
import static workbench.mesh.MeshFixture.PRODUCTPAGE;
import static workbench.mesh.MeshFixture.REVIEWS_SUBSETS;
import static workbench.mesh.MeshFixture.get;
import static workbench.mesh.MeshFixture.request;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The routing decision of a caller's sidecar, case by case: a few manifests, one request from one caller pod,
 * and what Istio 1.28 + Envoy do with it. Each case names the Istio document or source it encodes.
 * Abbreviations: route.go = istio pilot/pkg/networking/core/route/route.go (tag 1.28.0); API = the
 * networking.istio.io reference; router.cc / config_impl.cc = Envoy source/common/router.
 */
class RouterConformanceTest {

    record Case(String name, String yaml, Pod caller, MeshRequest request, Consumer<RouteDecision> expect) {
        @Override public String toString() { return name; }
    }

    static final String R0 = "http://reviews:9080/reviews/0";

    /** A VirtualService for reviews with the given {@code http:} list (indented two spaces) and the reviews subsets. */
    static String reviews(String http) {
        return REVIEWS_SUBSETS + "---\n" + """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: reviews
                spec:
                  hosts: [reviews]
                  http:
                """ + http.indent(2);
    }

    /** jason → v2 when {@code match} holds, everyone else → v1. */
    static String v2When(String match) {
        return reviews("""
                - match:
                  - %s
                  route:
                  - destination: {host: reviews, subset: v2}
                - route:
                  - destination: {host: reviews, subset: v1}
                """.formatted(match.strip().replace("\n", "\n    ")));
    }

    static Case c(String name, String yaml, MeshRequest request, Consumer<RouteDecision> expect) {
        return new Case(name, yaml, PRODUCTPAGE, request, expect);
    }

    static Case c(String name, String yaml, Pod caller, MeshRequest request, Consumer<RouteDecision> expect) {
        return new Case(name, yaml, caller, request, expect);
    }

    static Consumer<RouteDecision> forwardsTo(String subset) { return forwardsTo(subset, f -> { }); }

    static Consumer<RouteDecision> forwardsTo(String subset, Consumer<RouteDecision.Forward> more) {
        return d -> {
            assertThat(d).as("decision").isInstanceOf(RouteDecision.Forward.class);
            RouteDecision.Forward f = (RouteDecision.Forward) d;
            assertThat(f.subset()).as("subset of " + f.clusterName()).isEqualTo(subset);
            more.accept(f);
        };
    }

    static Consumer<RouteDecision> sends(String subset, Consumer<MeshRequest> request) {
        return forwardsTo(subset, f -> request.accept(f.request()));
    }

    /** The service's own default route: cluster outbound|9080||fqdn, Istio's default retries, no timeout. */
    static Consumer<RouteDecision> defaultRoute() {
        return forwardsTo("", f -> {
            assertThat(f.clusterName()).isEqualTo("outbound|9080||reviews.default.svc.cluster.local");
            assertThat(f.endpoints()).hasSize(3);
            assertThat(f.retry()).isEqualTo(RetryPolicy.defaults(false));
            assertThat(f.timeout()).isEmpty();
        });
    }

    static Consumer<RouteDecision> replies(int status, String body) { return replies(status, body, r -> { }); }

    static Consumer<RouteDecision> replies(int status, String body, Consumer<RouteDecision.LocalReply> more) {
        return d -> {
            assertThat(d).as("decision").isInstanceOf(RouteDecision.LocalReply.class);
            RouteDecision.LocalReply r = (RouteDecision.LocalReply) d;
            assertThat(r.status()).as(r.reason()).isEqualTo(status);
            assertThat(r.body()).isEqualTo(body);
            more.accept(r);
        };
    }

    static Consumer<RouteDecision> redirects(int status, String location) {
        return replies(status, "", r -> assertThat(r.response().headers()).containsEntry("location", location));
    }

    static Stream<Case> cases() {
        return Stream.of(
            // --- match conditions (API HTTPMatchRequest; route.go TranslateRouteMatch) ---
            // virtual-service-reviews-test-v2.yaml: end-user exact jason → v2, else v1
            c("header exact matches", v2When("headers: {end-user: {exact: jason}}"), get(R0, "end-user", "jason"), forwardsTo("v2")),
            c("header exact, header missing, falls to next rule", v2When("headers: {end-user: {exact: jason}}"), get(R0), forwardsTo("v1")),
            // API: header values are case-sensitive; Envoy StringMatcher exact
            c("header values are case-sensitive", v2When("headers: {end-user: {exact: jason}}"), get(R0, "end-user", "Jason"), forwardsTo("v1")),
            // Envoy HeaderMatcher lower-cases the name (LowerCaseString)
            c("header names are not", v2When("headers: {End-User: {exact: jason}}"), get(R0, "END-USER", "jason"), forwardsTo("v2")),
            c("header prefix", v2When("headers: {end-user: {prefix: ja}}"), get(R0, "end-user", "jason"), forwardsTo("v2")),
            // API: "RE2 style regex-based match"; Envoy safe_regex must match the whole value
            c("header regex must match the whole value", v2When("headers: {end-user: {regex: jas}}"), get(R0, "end-user", "jason"), forwardsTo("v1")),
            c("header regex full match", v2When("headers: {end-user: {regex: 'jas.*'}}"), get(R0, "end-user", "jason"), forwardsTo("v2")),
            // route.go canBeConvertedToPresentMatch: {} and regex "*" become present_match
            c("header {} means present, even empty", v2When("headers: {x-canary: {}}"), get(R0, "x-canary", ""), forwardsTo("v2")),
            c("header regex * means present", v2When("headers: {x-canary: {regex: '*'}}"), get(R0, "x-canary", "no"), forwardsTo("v2")),
            c("presence needs the header", v2When("headers: {x-canary: {}}"), get(R0), forwardsTo("v1")),
            // route.go: withoutHeaders = invert_match + treat_missing_header_as_empty (not for present_match)
            c("withoutHeaders: a missing header does not equal the value", v2When("withoutHeaders: {end-user: {exact: jason}}"), get(R0), forwardsTo("v2")),
            c("withoutHeaders: the excluded value", v2When("withoutHeaders: {end-user: {exact: jason}}"), get(R0, "end-user", "jason"), forwardsTo("v1")),
            c("withoutHeaders {}: header absent", v2When("withoutHeaders: {x-debug: {}}"), get(R0), forwardsTo("v2")),
            c("withoutHeaders {}: header present", v2When("withoutHeaders: {x-debug: {}}"), get(R0, "x-debug", "1"), forwardsTo("v1")),
            c("withoutHeaders prefix '' on a missing header (counted as empty)", v2When("withoutHeaders: {x-debug: {regex: '.*'}}"), get(R0), forwardsTo("v1")),
            // route.go: uri exact → Envoy path (query removed), prefix → prefix, regex → safe_regex on the path
            c("uri exact ignores the query", v2When("uri: {exact: /reviews/0}"), get(R0 + "?u=test"), forwardsTo("v2")),
            c("uri exact", v2When("uri: {exact: /reviews/0}"), get(R0 + "/x"), forwardsTo("v1")),
            c("uri prefix", v2When("uri: {prefix: /reviews}"), get(R0), forwardsTo("v2")),
            c("uri regex is a full match", v2When("uri: {regex: '/reviews/[0-9]+'}"), get(R0 + "/x"), forwardsTo("v1")),
            c("uri regex", v2When("uri: {regex: '/reviews/[0-9]+'}"), get("http://reviews:9080/reviews/42?x=1"), forwardsTo("v2")),
            // route.go: ignoreUriCase → case_sensitive false (exact and prefix; not regex)
            c("ignoreUriCase exact", v2When("{uri: {exact: /reviews/0}, ignoreUriCase: true}"), get("http://reviews:9080/REVIEWS/0"), forwardsTo("v2")),
            c("ignoreUriCase prefix", v2When("{uri: {prefix: /Reviews}, ignoreUriCase: true}"), get(R0), forwardsTo("v2")),
            c("uri case-sensitive by default", v2When("uri: {prefix: /Reviews}"), get(R0), forwardsTo("v1")),
            c("ignoreUriCase does not touch regex", v2When("{uri: {regex: '/REVIEWS/.*'}, ignoreUriCase: true}"), get(R0), forwardsTo("v1")),
            // route.go: method → :method header matcher (case-sensitive)
            c("method", v2When("method: {exact: POST}"), request("POST", R0), forwardsTo("v2")),
            c("method is case-sensitive", v2When("method: {exact: post}"), request("POST", R0), forwardsTo("v1")),
            // route.go: authority → :authority (host:port as the caller wrote it)
            c("authority exact includes the port", v2When("authority: {exact: 'reviews:9080'}"), get(R0), forwardsTo("v2")),
            c("authority prefix", v2When("authority: {prefix: reviews}"), get(R0), forwardsTo("v2")),
            c("scheme is http inside the mesh", v2When("scheme: {exact: http}"), get(R0), forwardsTo("v2")),
            c("scheme https does not match a plain call", v2When("scheme: {exact: https}"), get(R0), forwardsTo("v1")),
            c("authority without the port does not match exactly", v2When("authority: {exact: reviews}"), get(R0), forwardsTo("v1")),
            // route.go translateQueryParamMatch: exact/prefix/regex, {} = present
            c("queryParams exact", v2When("queryParams: {u: {exact: test}}"), get(R0 + "?u=test"), forwardsTo("v2")),
            c("queryParams exact, other value", v2When("queryParams: {u: {exact: test}}"), get(R0 + "?u=testy"), forwardsTo("v1")),
            c("queryParams prefix", v2When("queryParams: {u: {prefix: te}}"), get(R0 + "?a=b&u=testy"), forwardsTo("v2")),
            c("queryParams regex", v2When("queryParams: {id: {regex: '[0-9]+'}}"), get(R0 + "?id=42"), forwardsTo("v2")),
            c("queryParams present", v2When("queryParams: {debug: {}}"), get(R0 + "?debug"), forwardsTo("v2")),
            c("queryParams absent", v2When("queryParams: {debug: {}}"), get(R0 + "?x=1"), forwardsTo("v1")),
            // API: "All conditions inside a single match block have AND semantics"
            c("conditions in a block are ANDed", v2When("{uri: {prefix: /reviews}, headers: {end-user: {exact: jason}}}"), get(R0), forwardsTo("v1")),
            c("conditions in a block, all hold", v2When("{uri: {prefix: /reviews}, headers: {end-user: {exact: jason}}}"), get(R0, "end-user", "jason"), forwardsTo("v2")),
            // API: "the list of match blocks have OR semantics"
            c("match blocks are ORed", reviews("""
                    - match:
                      - headers: {end-user: {exact: jason}}
                      - queryParams: {u: {exact: test}}
                      route:
                      - destination: {host: reviews, subset: v3}
                    """), get(R0 + "?u=test"), forwardsTo("v3")),
            // API: "Match conditions ... evaluated sequentially ... first rule that matches"
            c("first matching rule wins", reviews("""
                    - match:
                      - uri: {prefix: /}
                      route:
                      - destination: {host: reviews, subset: v1}
                    - match:
                      - uri: {exact: /reviews/0}
                      route:
                      - destination: {host: reviews, subset: v3}
                    """), get(R0), forwardsTo("v1")),
            // router.cc: no route → sendLocalReply(NotFound, "") with NR; Istio adds no catch-all
            c("no rule matches: 404, empty body", reviews("""
                    - match:
                      - headers: {end-user: {exact: jason}}
                      route:
                      - destination: {host: reviews, subset: v2}
                    """), get(R0), replies(404, "")),
            // --- config-time conditions: route.go TranslateRoute (port) / sourceMatchHTTP, and the default route when none is left ---
            c("port equal to the listener port", v2When("port: 9080"), get(R0), forwardsTo("v2")),
            c("port of another listener drops the block", v2When("port: 8080"), get(R0), forwardsTo("v1")),
            c("sourceLabels of the caller", v2When("sourceLabels: {app: productpage}"), PRODUCTPAGE, get(R0), forwardsTo("v2")),
            c("sourceLabels of someone else", v2When("sourceLabels: {app: productpage}"), FORTIO, get(R0), forwardsTo("v1")),
            c("sourceNamespace", v2When("sourceNamespace: default"), get(R0), forwardsTo("v2")),
            c("sourceNamespace elsewhere", v2When("sourceNamespace: istio-system"), get(R0), forwardsTo("v1")),
            c("gateways without mesh drop the block", v2When("gateways: [bookinfo-gateway]"), get(R0), forwardsTo("v1")),
            c("gateways with mesh skip sourceLabels", v2When("{gateways: [mesh], sourceLabels: {app: nobody}}"), get(R0), forwardsTo("v2")),
            // BuildSidecarVirtualHostWrapper: a VirtualService with no route left for this proxy is skipped → default route, not 404
            c("no rule left for this caller: the default route", reviews("""
                    - match:
                      - sourceLabels: {app: productpage}
                      route:
                      - destination: {host: reviews, subset: v3}
                    """), FORTIO, get(R0), defaultRoute()),
            c("a VirtualService bound to a gateway only is not for sidecars", REVIEWS_SUBSETS + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews}
                    spec:
                      hosts: [reviews]
                      gateways: [bookinfo-gateway]
                      http:
                      - route:
                        - destination: {host: reviews, subset: v3}
                    """, get(R0), defaultRoute()),
            c("no VirtualService: the service's default route", REVIEWS_SUBSETS, get(R0), defaultRoute()),
            c("a FQDN host in the VirtualService", REVIEWS_SUBSETS + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews}
                    spec:
                      hosts: [reviews.default.svc.cluster.local]
                      http:
                      - route:
                        - destination: {host: reviews.default.svc.cluster.local, subset: v3}
                    """, get(R0), forwardsTo("v3")),
            c("a wildcard host", REVIEWS_SUBSETS + """
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: everything}
                    spec:
                      hosts: ['*.default.svc.cluster.local']
                      http:
                      - route:
                        - destination: {host: reviews, subset: v3}
                    """, get(R0), forwardsTo("v3")),
            // --- clusters: router.cc NC / UH (istio-facts §3) ---
            c("a subset no DestinationRule defines: 503 NC, empty body", reviews("""
                    - route:
                      - destination: {host: reviews, subset: v4}
                    """), get(R0), replies(503, "")),
            c("a subset selecting no pods: 503 no healthy upstream", REVIEWS_SUBSETS.replace("- name: v3\n    labels: {version: v3}",
                    "- name: v3\n    labels: {version: v9}") + "---\n" + """
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews}
                    spec:
                      hosts: [reviews]
                      http:
                      - route:
                        - destination: {host: reviews, subset: v3}
                    """, get(R0), replies(503, "no healthy upstream")),
            c("an unknown destination host: 503 NC", reviews("""
                    - route:
                      - destination: {host: reviewz}
                    """), get(R0), replies(503, "")),
            c("a destination port the service lacks: 503 NC", reviews("""
                    - route:
                      - destination: {host: reviews, port: {number: 8080}}
                    """), get(R0), replies(503, "")),
            c("a destination in another service", reviews("""
                    - route:
                      - destination: {host: ratings}
                    """), get(R0), forwardsTo("", f -> assertThat(f.clusterName()).isEqualTo("outbound|9080||ratings.default.svc.cluster.local"))),
            c("an unknown host fails in DNS", "", get("http://nowhere:9080/"), d -> assertThat(d).isInstanceOf(RouteDecision.Unresolved.class)),
            // API: "If there is only one destination in a rule, it will receive all traffic" (weight 0 included)
            c("a lone destination with weight 0 gets everything", reviews("""
                    - route:
                      - destination: {host: reviews, subset: v3}
                        weight: 0
                    """), get(R0), forwardsTo("v3")),
            // --- directResponse: route.go ApplyDirectResponse; Envoy sendLocalReply (text/plain when a body is set) ---
            c("directResponse", reviews("""
                    - directResponse:
                        status: 503
                        body: {string: "reviews are resting"}
                    """), get(R0), replies(503, "reviews are resting", r ->
                    assertThat(r.response().headers()).containsEntry("content-type", "text/plain"))),
            c("directResponse without a body", reviews("""
                    - directResponse: {status: 204}
                    """), get(R0), replies(204, "", r -> assertThat(r.response().headers()).doesNotContainKey("content-type"))),
            c("directResponse gets the route's response headers (router.cc finalizeResponseHeaders)", reviews("""
                    - directResponse: {status: 200, body: {string: ok}}
                      headers:
                        response:
                          set: {x-served-by: mesh}
                    """), get(R0), replies(200, "ok", r -> assertThat(r.response().headers()).containsEntry("x-served-by", "mesh"))),
            // --- redirect: route.go ApplyRedirect + Envoy config_impl.cc newPath ---
            c("redirect uri: 301 with the request's host and query", reviews("""
                    - redirect: {uri: /v1/reviews}
                    """), get(R0 + "?u=1"), redirects(301, "http://reviews:9080/v1/reviews?u=1")),
            c("redirect uri with its own query", reviews("""
                    - redirect: {uri: '/v1/reviews?x=2'}
                    """), get(R0 + "?u=1"), redirects(301, "http://reviews:9080/v1/reviews?x=2")),
            c("redirect authority", reviews("""
                    - redirect: {authority: reviews.example.com}
                    """), get(R0), redirects(301, "http://reviews.example.com/reviews/0")),
            c("redirect scheme keeps a non-default port", reviews("""
                    - redirect: {scheme: https}
                    """), get(R0), redirects(301, "https://reviews:9080/reviews/0")),
            c("redirect scheme drops :80", reviews("""
                    - redirect: {scheme: https}
                    """), get("http://reviews:80/reviews/0"), redirects(301, "https://reviews/reviews/0")),
            c("redirect port replaces the request's port", reviews("""
                    - redirect: {port: 8443}
                    """), get(R0), redirects(301, "http://reviews:8443/reviews/0")),
            // route.go ApplyRedirect: port 80 with http becomes 0 (no port_redirect), so Envoy keeps the request's own port
            c("redirect port 80 on http: pilot drops it, the request's port stays", reviews("""
                    - redirect: {port: 80}
                    """), get(R0), redirects(301, "http://reviews:9080/reviews/0")),
            c("redirect derivePort FROM_REQUEST_PORT", reviews("""
                    - redirect: {authority: other, derivePort: FROM_REQUEST_PORT}
                    """), get(R0), redirects(301, "http://other:9080/reviews/0")),
            c("redirectCode", reviews("""
                    - redirect: {uri: /moved, redirectCode: 308}
                    """), get(R0), redirects(308, "http://reviews:9080/moved")),
            // --- rewrite: route.go (uri → prefix_rewrite, uriRegexRewrite → regex_rewrite, authority → host_rewrite_literal) ---
            c("rewrite replaces the matched prefix and keeps the query", reviews("""
                    - match:
                      - uri: {prefix: /reviews}
                      rewrite: {uri: /api/v2/reviews}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0 + "?x=1"), sends("v1", r -> {
                        assertThat(r.path()).isEqualTo("/api/v2/reviews/0?x=1");
                        assertThat(r.authority()).as("a uri rewrite leaves the authority").isEqualTo("reviews:9080");
                    })),
            c("rewrite after an exact match replaces the path", reviews("""
                    - match:
                      - uri: {exact: /reviews/0}
                      rewrite: {uri: /r}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0 + "?x=1"), sends("v1", r -> assertThat(r.path()).isEqualTo("/r?x=1"))),
            c("rewrite without a uri match replaces the leading /", reviews("""
                    - rewrite: {uri: /v2}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), sends("v1", r -> assertThat(r.path()).isEqualTo("/v2reviews/0"))),
            c("rewrite follows the block that matched", reviews("""
                    - match:
                      - uri: {prefix: /old}
                      - uri: {prefix: /reviews}
                      rewrite: {uri: /new}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), sends("v1", r -> assertThat(r.path()).isEqualTo("/new/0"))),
            c("uriRegexRewrite", reviews("""
                    - match:
                      - uri: {prefix: /reviews}
                      rewrite:
                        uriRegexRewrite: {match: '^/reviews/(.*)$', rewrite: '/r/\\1/all'}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0 + "?x=1"), sends("v1", r -> assertThat(r.path()).isEqualTo("/r/0/all?x=1"))),
            c("rewrite authority", reviews("""
                    - rewrite: {authority: reviews.internal}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), sends("v1", r -> assertThat(r.authority()).isEqualTo("reviews.internal"))),
            c("a request header set of :authority rewrites the authority", reviews("""
                    - headers:
                        request:
                          set: {':authority': reviews.internal}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), sends("v1", r -> {
                        assertThat(r.authority()).isEqualTo("reviews.internal");
                        assertThat(r.headers()).doesNotContainKey(":authority");
                    })),
            // --- header operations: route.go TranslateHeadersOperations; Envoy HeaderParser (remove, then set/add) ---
            c("request set, add, remove", reviews("""
                    - headers:
                        request:
                          set: {x-a: "1"}
                          add: {x-b: "2"}
                          remove: [user-agent]
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0, "x-a", "0", "x-b", "1", "user-agent", "curl"), sends("v1", r -> {
                        assertThat(r.header("x-a")).isEqualTo("1");
                        assertThat(r.header("x-b")).isEqualTo("1,2");
                        assertThat(r.header("user-agent")).isNull();
                    })),
            c("removal comes before additions in one level", reviews("""
                    - headers:
                        request:
                          set: {x-a: "new"}
                          remove: [x-a]
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0, "x-a", "old"), sends("v1", r -> assertThat(r.header("x-a")).isEqualTo("new"))),
            c("a lone destination's set comes after the route's", reviews("""
                    - headers:
                        request:
                          set: {x-level: route}
                      route:
                      - destination: {host: reviews, subset: v1}
                        headers:
                          request:
                            set: {x-level: destination}
                    """), get(R0), sends("v1", r -> assertThat(r.header("x-level")).isEqualTo("destination"))),
            c("with weights, the route's set comes after the destination's", reviews("""
                    - headers:
                        request:
                          set: {x-level: route}
                      route:
                      - destination: {host: reviews, subset: v1}
                        weight: 100
                        headers:
                          request:
                            set: {x-level: destination, x-only-dest: 'yes'}
                      - destination: {host: reviews, subset: v2}
                        weight: 0
                    """), get(R0), sends("v1", r -> {
                        assertThat(r.header("x-level")).isEqualTo("route");
                        assertThat(r.header("x-only-dest")).isEqualTo("yes");
                    })),
            c("response edits travel with the decision", reviews("""
                    - headers:
                        response:
                          set: {x-route: r}
                          remove: [server]
                      route:
                      - destination: {host: reviews, subset: v1}
                        headers:
                          response:
                            add: {x-dest: d}
                    """), get(R0), forwardsTo("v1", f -> {
                        Map<String, String> edited = Map.of("server", "app", "content-type", "application/json");
                        for (HeaderEditor.Level level : f.responseHeaders()) edited = HeaderEditor.apply(level, edited);
                        assertThat(edited).containsEntry("x-route", "r").containsEntry("x-dest", "d").doesNotContainKey("server");
                    })),
            // --- fault: route.go TranslateFault; Envoy fault filter (before the router) ---
            // virtual-service-ratings-test-abort.yaml
            c("abort 100% for jason: 500 fault filter abort", ratingsFault("abort: {percentage: {value: 100.0}, httpStatus: 500}"),
                    get("http://ratings:9080/ratings/0", "end-user", "jason"), replies(500, "fault filter abort")),
            c("abort only matches jason", ratingsFault("abort: {percentage: {value: 100.0}, httpStatus: 500}"),
                    get("http://ratings:9080/ratings/0"), forwardsTo("v1", f -> assertThat(f.faultDelay()).isZero())),
            // API: "If percentage is not specified, no requests will be aborted/delayed" (pilot sends 0%)
            c("abort without a percentage does nothing", ratingsFault("abort: {httpStatus: 500}"),
                    get("http://ratings:9080/ratings/0", "end-user", "jason"), forwardsTo("v1")),
            // virtual-service-ratings-test-delay.yaml: the delay is the filter's, the route timeout does not cover it
            c("delay 100% for jason", ratingsFault("delay: {percentage: {value: 100.0}, fixedDelay: 7s}"),
                    get("http://ratings:9080/ratings/0", "end-user", "jason"), forwardsTo("v1", f -> {
                        assertThat(f.faultDelay()).isEqualTo(Duration.ofSeconds(7));
                        assertThat(f.timeout()).isEmpty();
                    })),
            c("delay then abort", ratingsFault("{delay: {percentage: {value: 100}, fixedDelay: 250ms}, abort: {percentage: {value: 100}, httpStatus: 503}}"),
                    get("http://ratings:9080/ratings/0", "end-user", "jason"), replies(503, "fault filter abort",
                    r -> assertThat(r.delay()).isEqualTo(Duration.ofMillis(250)))),
            c("the fault filter runs before the router looks for the cluster", reviews("""
                    - fault: {abort: {percentage: {value: 100}, httpStatus: 418}}
                      route:
                      - destination: {host: reviews, subset: v9}
                    """), get(R0), replies(418, "fault filter abort")),
            // --- mirror: route.go MirrorPercent / MirrorPercentByPolicy ---
            c("mirror without a percentage mirrors everything", reviews("""
                    - route:
                      - destination: {host: reviews, subset: v1}
                      mirror: {host: reviews, subset: v2}
                    """), get(R0), forwardsTo("v1", f -> assertThat(f.mirrors()).extracting(Cluster::subset).containsExactly("v2"))),
            c("mirrorPercentage 0 turns it off", reviews("""
                    - route:
                      - destination: {host: reviews, subset: v1}
                      mirror: {host: reviews, subset: v2}
                      mirrorPercentage: {value: 0}
                    """), get(R0), forwardsTo("v1", f -> assertThat(f.mirrors()).isEmpty())),
            c("mirrors, each with its destination", reviews("""
                    - route:
                      - destination: {host: reviews, subset: v1}
                      mirrors:
                      - destination: {host: reviews, subset: v2}
                      - destination: {host: ratings}
                        percentage: {value: 100}
                    """), get(R0), forwardsTo("v1", f -> assertThat(f.mirrors()).extracting(Cluster::name).containsExactly(
                            "outbound|9080|v2|reviews.default.svc.cluster.local", "outbound|9080||ratings.default.svc.cluster.local"))),
            // --- timeouts and retries on the decision: route.go setTimeout; retry.go ConvertPolicy ---
            c("timeout", reviews("""
                    - timeout: 0.5s
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), forwardsTo("v1", f -> assertThat(f.timeout()).contains(Duration.ofMillis(500)))),
            c("no retries written: Istio's default policy", reviews("""
                    - route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), forwardsTo("v1", f -> {
                        assertThat(f.retry().numRetries()).isEqualTo(2);
                        assertThat(f.retry().retryOn()).containsExactlyInAnyOrder("connect-failure", "refused-stream", "unavailable",
                                "cancelled", "retriable-status-codes");
                        assertThat(f.retry().statusCodes()).isEmpty();
                        assertThat(f.retry().previousHosts()).isTrue();
                    })),
            c("attempts 0 disables retries", reviews("""
                    - retries: {attempts: 0}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), forwardsTo("v1", f -> assertThat(f.retry()).isEqualTo(RetryPolicy.NONE))),
            c("status codes in retryOn", reviews("""
                    - retries: {attempts: 3, perTryTimeout: 2s, retryOn: '5xx,503'}
                      route:
                      - destination: {host: reviews, subset: v1}
                    """), get(R0), forwardsTo("v1", f -> {
                        assertThat(f.retry().numRetries()).isEqualTo(3);
                        assertThat(f.retry().retryOn()).containsExactlyInAnyOrder("5xx", "retriable-status-codes");
                        assertThat(f.retry().statusCodes()).containsExactly(503);
                        assertThat(f.retry().perTryTimeout()).contains(Duration.ofSeconds(2));
                    })),
            c("a consistent-hash destination keeps retries on the same host", REVIEWS_SUBSETS.replace("  subsets:",
                    "  trafficPolicy:\n    loadBalancer:\n      consistentHash: {httpHeaderName: end-user}\n  subsets:") + "---\n" + """
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews}
                    spec:
                      hosts: [reviews]
                      http:
                      - route:
                        - destination: {host: reviews, subset: v1}
                    """, get(R0, "end-user", "jason"), forwardsTo("v1", f -> {
                        assertThat(f.retry().previousHosts()).isFalse();
                        assertThat(f.hash().value()).isPresent();
                    })),
            // route.go applyHTTPRouteDestination: consistentHash (no previous_hosts retry predicate) only for a lone destination;
            // with weighted destinations every hash policy is added and retries keep previous_hosts
            c("weighted destinations with consistent hash keep retrying other hosts", hashedReviews("""
                    - route:
                      - {destination: {host: reviews, subset: v1}, weight: 50}
                      - {destination: {host: reviews, subset: v2}, weight: 50}
                    """), get(R0, "end-user", "jason"), d -> {
                        assertThat(d).isInstanceOf(RouteDecision.Forward.class);
                        RouteDecision.Forward f = (RouteDecision.Forward) d;
                        assertThat(f.retry().previousHosts()).isTrue();
                        assertThat(f.hash().value()).isPresent();
                    }),
            // route.go applyHTTPRouteDestination: "Ignore 0 weighted clusters if there are other clusters in the route",
            // their hash policies included
            c("a weight-0 destination adds no hash policy", REVIEWS_SUBSETS + "---\n" + """
                    apiVersion: networking.istio.io/v1
                    kind: DestinationRule
                    metadata: {name: ratings}
                    spec:
                      host: ratings
                      trafficPolicy:
                        loadBalancer:
                          consistentHash: {httpHeaderName: end-user}
                    ---
                    apiVersion: networking.istio.io/v1
                    kind: VirtualService
                    metadata: {name: reviews}
                    spec:
                      hosts: [reviews]
                      http:
                      - route:
                        - {destination: {host: reviews, subset: v1}, weight: 100}
                        - {destination: {host: ratings}, weight: 0}
                    """, get(R0, "end-user", "jason"), forwardsTo("v1", f -> assertThat(f.hash().value()).isEmpty())),
            // istiod's webhook refuses a rule with neither route, redirect nor directResponse; applied without it, no cluster
            // is named, so the workbench answers as Envoy does for no route: 404, empty body
            c("a rule without a destination: 404", reviews("""
                    - timeout: 1s
                    """), get(R0), replies(404, "")),
            // --- x-request-id is the sidecar's job, the Router leaves the request as it came ---
            c("the request is forwarded unchanged without edits", "", get(R0, "x-request-id", "abc"),
                    sends("", r -> assertThat(r.headers()).containsExactly(Map.entry("x-request-id", "abc"))))
        );
    }

    /** The reviews subsets with consistent hashing on end-user, and a VirtualService with the given {@code http:} list. */
    static String hashedReviews(String http) {
        return reviews(http).replace("  subsets:", "  trafficPolicy:\n    loadBalancer:\n      consistentHash: {httpHeaderName: end-user}\n  subsets:");
    }

    /** virtual-service-ratings-test-{abort,delay}.yaml with the given fault on jason's rule. */
    static String ratingsFault(String fault) {
        return """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ratings}
                spec:
                  host: ratings
                  subsets:
                  - name: v1
                    labels: {version: v1}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: ratings
                spec:
                  hosts:
                  - ratings
                  http:
                  - match:
                    - headers:
                        end-user:
                          exact: jason
                    fault:
                      %s
                    route:
                    - destination:
                        host: ratings
                        subset: v1
                  - route:
                    - destination:
                        host: ratings
                        subset: v1
                """.formatted(fault);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routes(Case c) {
        RouteDecision decision = Router.route(MeshFixture.config(c.yaml()), MeshFixture.bookinfo(), c.caller(), c.request(),
                new java.util.SplittableRandom(7));
        c.expect().accept(decision);
    }

    static List<String> names() { return cases().map(Case::name).toList(); }
}
