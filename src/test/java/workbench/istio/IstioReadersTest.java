package workbench.istio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.manifest.Document;
import workbench.manifest.ManifestException;
import workbench.manifest.Manifests;

/** The typed readers: what they take from a manifest, and how they point at a field they cannot read. */
class IstioReadersTest {
    @TempDir
    Path dir;

    private Document doc(String yaml) throws IOException {
        Path f = dir.resolve("case.yaml");
        Files.writeString(f, yaml);
        return Manifests.load(f).get(0);
    }

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "2.5s, 2500000000", "100ms, 100000000", "1m, 60000000000", "1h, 3600000000000", "1h30m, 5400000000000",
        "0.5s, 500000000", "10us, 10000", "0, 0", "7s, 7000000000"})
    void durationsAsIstioWritesThem(String text, long nanos) {
        // istio/api destination_rule.proto: "format: 1h/1m/1s/1ms"
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @CsvSource({"2", "s", "1.5", "-1s", "1d", "ten seconds", "''"})
    void notDurations(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBadDurationNamesFileDocumentAndField() throws IOException {
        Document d = doc("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - timeout: 10 seconds
                    route:
                    - destination: {host: reviews}
                """);
        assertThatThrownBy(() -> VirtualService.read(d, "default")).isInstanceOf(ManifestException.class)
                .hasMessage("case.yaml, document 1 (VirtualService reviews), field spec.http[0].timeout: "
                        + "'10 seconds' is not a duration; write it like 100ms, 2s, 2.5s, 1m or 1h");
    }

    @Test
    void aBadRegexNamesItsField() throws IOException {
        Document d = doc("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match:
                    - headers: {end-user: {regex: '(jason'}}
                    route:
                    - destination: {host: reviews}
                """);
        assertThatThrownBy(() -> VirtualService.read(d, "default")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("field spec.http[0].match[0].headers.end-user.regex: \"(jason\" is not a valid regex");
    }

    @Test
    void everyHttpRouteFieldTheMeshUses() throws IOException {
        VirtualService vs = VirtualService.read(doc("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews, namespace: shop}
                spec:
                  hosts: [reviews]
                  gateways: [mesh, bookinfo-gateway]
                  http:
                  - name: canary
                    match:
                    - name: jason
                      uri: {prefix: /reviews}
                      ignoreUriCase: true
                      method: {exact: GET}
                      authority: {prefix: reviews}
                      scheme: {exact: http}
                      headers: {End-User: {exact: jason}, x-any: {}}
                      withoutHeaders: {x-debug: {regex: '*'}}
                      queryParams: {u: {exact: test}}
                      port: 9080
                      sourceLabels: {app: productpage}
                      sourceNamespace: shop
                    rewrite: {uri: /v2/reviews, authority: reviews.internal}
                    timeout: 1.5s
                    retries: {attempts: 3, perTryTimeout: 500ms, retryOn: 'gateway-error,503', retryIgnorePreviousHosts: false}
                    fault:
                      delay: {percentage: {value: 12.5}, fixedDelay: 2s}
                      abort: {percentage: {value: 0.1}, httpStatus: 503}
                    mirror: {host: reviews, subset: v3}
                    mirrorPercentage: {value: 25}
                    headers:
                      request: {set: {x-a: "1"}, add: {x-b: "2"}, remove: [x-c]}
                      response: {remove: [server]}
                    route:
                    - destination: {host: reviews, subset: v2, port: {number: 9080}}
                      weight: 90
                      headers: {response: {set: {x-version: v2}}}
                    - destination: {host: reviews, subset: v1}
                      weight: 10
                  - redirect: {uri: /moved, authority: other, port: 8080, scheme: https, redirectCode: 302}
                  - directResponse: {status: 503, body: {bytes: aGVsbG8=}}
                """), "default");
        assertThat(vs.namespace()).isEqualTo("shop");
        assertThat(vs.gateways()).containsExactly("mesh", "bookinfo-gateway");
        assertThat(vs.appliesToSidecars()).isTrue();
        HttpRoute r = vs.http().get(0);
        HttpMatch m = r.match().get(0);
        assertThat(m.headers()).containsOnlyKeys("end-user", "x-any");
        assertThat(m.headers().get("x-any").kind()).isEqualTo(StringMatch.Kind.PRESENT);
        assertThat(m.withoutHeaders().get("x-debug").kind()).isEqualTo(StringMatch.Kind.PRESENT);
        assertThat(m.ignoreUriCase()).isTrue();
        assertThat(m.port()).hasValue(9080);
        assertThat(m.sourceLabels()).containsEntry("app", "productpage");
        assertThat(m.sourceNamespace()).isEqualTo("shop");
        assertThat(m.queryParams().get("u").value()).isEqualTo("test");
        assertThat(r.timeout()).contains(Duration.ofMillis(1500));
        assertThat(r.retries().get().attempts()).isEqualTo(3);
        assertThat(r.retries().get().retryIgnorePreviousHosts()).contains(false);
        assertThat(r.fault().get().delay().get().partsPerMillion()).isEqualTo(125_000);
        assertThat(r.fault().get().abort().get().partsPerMillion()).isEqualTo(1_000);
        assertThat(r.mirrors()).containsExactly(new HttpMirror(new Destination("reviews", "v3", java.util.OptionalInt.empty()), 250_000));
        assertThat(r.rewrite().get().authority()).isEqualTo("reviews.internal");
        assertThat(r.headers().request().remove()).containsExactly("x-c");
        assertThat(r.route().get(0).headers().response().set()).containsEntry("x-version", "v2");
        assertThat(vs.http().get(1).redirect().get()).isEqualTo(new HttpRedirect("/moved", "other", java.util.OptionalInt.of(8080), "", "https", 302));
        assertThat(vs.http().get(2).directResponse().get()).isEqualTo(new HttpDirectResponse(503, "hello"));
    }

    @Test
    void legacyMirrorPercentAndExplicitZero() throws IOException {
        VirtualService vs = VirtualService.read(doc("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route: [{destination: {host: reviews}}]
                    mirror: {host: reviews}
                    mirrorPercent: 5
                  - route: [{destination: {host: reviews}}]
                    mirrors:
                    - destination: {host: reviews}
                      percentage: {value: 0}
                    - destination: {host: ratings}
                """), "default");
        assertThat(vs.http().get(0).mirrors()).extracting(HttpMirror::partsPerMillion).containsExactly(50_000);
        assertThat(vs.http().get(1).mirrors()).extracting(m -> m.destination().host()).containsExactly("ratings");
    }

    @Test
    void destinationRuleTrafficPolicies() throws IOException {
        DestinationRule dr = DestinationRule.read(doc("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin}
                spec:
                  host: httpbin
                  trafficPolicy:
                    connectionPool:
                      tcp: {maxConnections: 1, connectTimeout: 30ms}
                      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1, http2MaxRequests: 7, maxRetries: 2}
                    outlierDetection:
                      consecutive5xxErrors: 1
                      interval: 1s
                      baseEjectionTime: 3m
                      maxEjectionPercent: 100
                    loadBalancer:
                      consistentHash:
                        httpCookie: {name: user, ttl: 0s, path: /}
                    portLevelSettings:
                    - port: {number: 8000}
                      loadBalancer: {simple: ROUND_ROBIN}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      loadBalancer: {simple: RANDOM}
                """), "default");
        TrafficPolicy p = dr.trafficPolicy();
        assertThat(p.connectionPool().get()).isEqualTo(new ConnectionPoolSettings(1, java.util.Optional.of(Duration.ofMillis(30)), 1, 7, 1, 2));
        assertThat(p.outlierDetection().get().consecutive5xxErrors()).hasValue(1);
        assertThat(p.outlierDetection().get().consecutiveGatewayErrors()).isEmpty();
        assertThat(p.outlierDetection().get().baseEjectionTime()).contains(Duration.ofMinutes(3));
        assertThat(p.loadBalancer().get().consistentHash().get().key()).isEqualTo(LoadBalancerSettings.ConsistentHash.Key.COOKIE);
        assertThat(p.forPort(8000).get().loadBalancer().get().simple()).isEqualTo(LoadBalancerSettings.Simple.ROUND_ROBIN);
        assertThat(dr.subset("v1").get().trafficPolicy().loadBalancer().get().simple()).isEqualTo(LoadBalancerSettings.Simple.RANDOM);
    }

    @Test
    void anUnknownLoadBalancerNamesItsField() throws IOException {
        Document d = doc("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec:
                  host: reviews
                  trafficPolicy:
                    loadBalancer: {simple: FASTEST}
                """);
        assertThatThrownBy(() -> DestinationRule.read(d, "default"))
                .hasMessageContaining("field spec.trafficPolicy.loadBalancer.simple: unknown load balancer 'FASTEST'");
    }

    @Test
    void olderConstructorsStillBuildPlainRules() {
        HttpRoute plain = new HttpRoute("", List.of(), List.of(new RouteDestination(new Destination("reviews", "v1", java.util.OptionalInt.empty()), null, "")), "");
        assertThat(plain.redirect()).isEmpty();
        assertThat(plain.headers()).isEqualTo(HeaderOperations.NONE);
        assertThat(new Subset("v1", java.util.Map.of("version", "v1")).trafficPolicy()).isEqualTo(TrafficPolicy.NONE);
    }
}
