package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.manifest.Document;

/**
 * Fields a real cluster applies but the embedded mesh ignores. The whitelist is the workbench's own decision; the
 * field names are the Istio 1.28 CRD's. Each row: the document and every warning expected as "path | message".
 */
class UnmodelledTest {

    private static final String IGNORED = " is not modelled by the embedded mesh; it is ignored there (a real cluster applies it)";

    private static String field(String path) { return path + " | field " + path + IGNORED; }

    private static Document vsRule(String extra) {
        return Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - destination: {host: reviews}\n  "
                + extra.strip().replace("\n", "\n  ") + "\n");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            // everything the embedded mesh models: no warning
            arguments("modelled VirtualService", Fixtures.vs("""
                    hosts: [reviews]
                    http:
                    - name: jason
                      match:
                      - headers: {end-user: {exact: jason}}
                        uri: {prefix: /reviews}
                        queryParams: {v: {regex: '[0-9]+'}}
                        method: {exact: GET}
                        ignoreUriCase: true
                        withoutHeaders: {x-debug: {exact: '1'}}
                        port: 9080
                        sourceLabels: {app: productpage}
                        sourceNamespace: default
                        name: m1
                      route:
                      - destination: {host: reviews, subset: v2, port: {number: 9080}}
                        weight: 100
                        headers: {response: {set: {x-version: v2}}}
                      timeout: 2s
                      retries: {attempts: 3, perTryTimeout: 1s, retryOn: 5xx}
                      fault:
                        delay: {fixedDelay: 7s, percentage: {value: 100}}
                        abort: {httpStatus: 500, percentage: {value: 10}}
                      mirror: {host: ratings}
                      mirrorPercentage: {value: 50}
                      headers: {request: {add: {x-lesson: '3'}}}
                      rewrite: {uri: /}
                    """), List.of()),
            arguments("modelled DestinationRule", Fixtures.dr("""
                    host: reviews
                    trafficPolicy:
                      loadBalancer: {consistentHash: {httpCookie: {name: user, ttl: 0s}}}
                      connectionPool:
                        tcp: {maxConnections: 1, connectTimeout: 1s}
                        http: {http1MaxPendingRequests: 1, http2MaxRequests: 1, maxRequestsPerConnection: 1, maxRetries: 0}
                      outlierDetection: {consecutive5xxErrors: 1, consecutiveGatewayErrors: 1, interval: 1s, baseEjectionTime: 3m, maxEjectionPercent: 100}
                    subsets:
                    - name: v1
                      labels: {version: v1}
                      trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
                    """), List.of()),
            arguments("CORS policy", vsRule("corsPolicy: {allowOrigins: [{exact: 'https://example.com'}]}"),
                List.of(field("spec.http[0].corsPolicy"))),
            arguments("retry details", vsRule("retries: {attempts: 3, retryRemoteLocalities: true, backoff: 50ms}"),
                List.of(field("spec.http[0].retries.retryRemoteLocalities"))), // backoff is applied by the Retrier
            arguments("gRPC abort", vsRule("fault: {abort: {grpcStatus: UNAVAILABLE, percentage: {value: 10}}}"),
                List.of(field("spec.http[0].fault.abort.grpcStatus"))),
            // gateways is applied since the embedded mesh has an ingress gateway; exportTo is not
            arguments("exportTo (gateways is modelled)", Fixtures.vs("hosts: [reviews]\ngateways: [mesh]\nexportTo: ['.']\nhttp:\n- route:\n  - destination: {host: reviews}\n"),
                List.of(field("spec.exportTo"))),
            // TCP and TLS routes are not modelled at all
            arguments("TCP route", Fixtures.vs("hosts: [reviews]\ntcp:\n- route:\n  - destination: {host: reviews}\n"),
                List.of(field("spec.tcp"))),
            arguments("TLS route", Fixtures.vs("hosts: [reviews]\ntls:\n- match: [{sniHosts: [reviews]}]\n  route:\n  - destination: {host: reviews}\n"),
                List.of(field("spec.tls"))),
            arguments("client TLS and locality", Fixtures.dr("host: reviews\ntrafficPolicy:\n  tls: {mode: ISTIO_MUTUAL}\n  loadBalancer: {simple: LEAST_REQUEST, localityLbSetting: {enabled: true}}\n"),
                List.of(field("spec.trafficPolicy.tls"), field("spec.trafficPolicy.loadBalancer.localityLbSetting"))),
            // port-level policies are merged by the mesh (PolicyMerge), for the rule and for subsets
            arguments("subset port-level policy", Fixtures.dr("host: reviews\nsubsets:\n- name: v1\n  trafficPolicy:\n    portLevelSettings:\n    - port: {number: 9080}\n      loadBalancer: {simple: RANDOM}\n"),
                List.of()),
            arguments("port-level policy", Fixtures.dr("host: reviews\ntrafficPolicy: {portLevelSettings: [{port: {number: 9080}, loadBalancer: {simple: RANDOM}}]}\n"),
                List.of()),
            // gateways in a match, retry backoff, retryIgnorePreviousHosts and the older mirrorPercent are all applied by the mesh
            arguments("fields the mesh applies", vsRule("match: [{headers: {x: {exact: a}}, gateways: [mesh]}]\nretries: {attempts: 2, backoff: 50ms, retryIgnorePreviousHosts: false}\nmirror: {host: ratings}\nmirrorPercent: 50"),
                List.of()),
            arguments("connection pool extras", Fixtures.dr("host: reviews\ntrafficPolicy:\n  connectionPool:\n    http: {idleTimeout: 1h, maxRetries: 1}\n    tcp: {tcpKeepalive: {time: 10s}}\n"),
                List.of(field("spec.trafficPolicy.connectionPool.http.idleTimeout"), field("spec.trafficPolicy.connectionPool.tcp.tcpKeepalive"))),
            // unknown fields are validate()'s business (kubectl refuses them), not reported here
            arguments("unknown field left to validate", vsRule("retry: {attempts: 3}"), List.of()),
            // a delegate VirtualService (no hosts) is accepted by Istio but not modelled
            arguments("delegate", Fixtures.vs("http:\n- route:\n  - destination: {host: reviews}\n"),
                List.of("spec.hosts | field spec.hosts is empty: a VirtualService without hosts is a delegate, which Istio accepts but the embedded mesh does not model")),
            // Istio reads a string match without exact/prefix/regex as "present", and so does the mesh
            arguments("presence match", vsRule("match: [{headers: {end-user: {}}}]"), List.of()),
            // RE2-only syntax that java.util.regex rejects or reads differently
            arguments("RE2 named group", vsRule("match: [{uri: {regex: '/(?P<id>[0-9]+)'}}]"),
                List.of("spec.http[0].match[0].uri.regex | field spec.http[0].match[0].uri.regex is valid RE2, but java.util.regex, which the embedded mesh matches with, refuses it or reads it differently; Envoy's matching is not modelled for it")),
            arguments("POSIX class", vsRule("match: [{headers: {x-id: {regex: '[[:digit:]]+'}}}]"),
                List.of("spec.http[0].match[0].headers.x-id.regex | field spec.http[0].match[0].headers.x-id.regex is valid RE2, but java.util.regex, which the embedded mesh matches with, refuses it or reads it differently; Envoy's matching is not modelled for it"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void unmodelled(String what, Document doc, List<String> expected) {
        var findings = Validator.unmodelled(doc);
        assertThat(findings).allMatch(f -> f.stage() == Stage.EMBEDDED && f.severity() == Severity.WARNING);
        assertThat(Fixtures.lines(findings)).containsExactlyElementsOf(expected);
    }
}
