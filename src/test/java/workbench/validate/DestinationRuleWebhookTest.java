package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * istiod's validating webhook on DestinationRules (Istio 1.28, ValidateDestinationRule and the traffic-policy
 * checks in pkg/config/validation/validation.go). Each row: what it encodes, the spec, every finding expected.
 */
class DestinationRuleWebhookTest {

    private static final String SUBSETS = "subsets:\n- name: v1\n  labels: {version: v1}\n";

    private static String policy(String trafficPolicy) {
        return "host: reviews\ntrafficPolicy:\n  " + trafficPolicy.strip().replace("\n", "\n  ") + "\n";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            arguments("valid rule", "host: reviews\n" + SUBSETS, List.of()),
            // ValidateDestinationRule: ValidateWildcardDomain(rule.Host)
            arguments("empty host", "host: ''\n" + SUBSETS, List.of("spec.host | empty domain name not allowed")),
            // ValidateDNS1123Labels only sees what follows the first label, and names that part
            arguments("host with an empty label", "host: reviews..default\n",
                List.of("spec.host | domain name \".default\" invalid (label \"\" invalid)")),
            arguments("wildcard host accepted", "host: '*.example.com'\n", List.of()),
            // subsets: duplicate names, validateSubsetName, labels.Instance.Validate
            arguments("duplicate subset names", "host: reviews\nsubsets:\n- name: v1\n- name: v1\n",
                List.of("spec.subsets[1].name | duplicate subset names: v1")),
            arguments("empty subset name", "host: reviews\nsubsets:\n- name: ''\n",
                List.of("spec.subsets[0].name | subset name cannot be empty")),
            arguments("subset name with a dot", "host: reviews\nsubsets:\n- name: v1.0\n",
                List.of("spec.subsets[0].name | subset name is invalid: v1.0")),
            arguments("upper-case subset name accepted", "host: reviews\nsubsets:\n- name: V1\n", List.of()),
            arguments("bad label value", "host: reviews\nsubsets:\n- name: v1\n  labels: {version: 'v 1'}\n",
                List.of("spec.subsets[0].labels.version | invalid tag value: \"v 1\"")),
            arguments("bad label key", "host: reviews\nsubsets:\n- name: v1\n  labels: {'-version': v1}\n",
                List.of("spec.subsets[0].labels.-version | invalid tag key: \"-version\"")),
            // validateTrafficPolicy
            arguments("empty traffic policy", "host: reviews\ntrafficPolicy: {}\n",
                List.of("spec.trafficPolicy | traffic policy must have at least one field")),
            arguments("empty subset traffic policy", "host: reviews\nsubsets:\n- name: v1\n  trafficPolicy: {}\n",
                List.of("spec.subsets[0].trafficPolicy | traffic policy must have at least one field")),
            // validateConnectionPool
            arguments("empty connection pool", policy("connectionPool: {}"),
                List.of("spec.trafficPolicy.connectionPool | connection pool must have at least one field")),
            arguments("negative pending requests", policy("connectionPool: {http: {http1MaxPendingRequests: -1}}"),
                List.of("spec.trafficPolicy.connectionPool.http.http1MaxPendingRequests | http1 max pending requests must be non-negative")),
            arguments("negative http2 requests", policy("connectionPool: {http: {http2MaxRequests: -1}}"),
                List.of("spec.trafficPolicy.connectionPool.http.http2MaxRequests | http2 max requests must be non-negative")),
            arguments("negative requests per connection", policy("connectionPool: {http: {maxRequestsPerConnection: -1}}"),
                List.of("spec.trafficPolicy.connectionPool.http.maxRequestsPerConnection | max requests per connection must be non-negative")),
            arguments("negative retries", policy("connectionPool: {http: {maxRetries: -1}}"),
                List.of("spec.trafficPolicy.connectionPool.http.maxRetries | max retries must be non-negative")),
            arguments("negative connections", policy("connectionPool: {tcp: {maxConnections: -1}}"),
                List.of("spec.trafficPolicy.connectionPool.tcp.maxConnections | max connections must be non-negative")),
            arguments("client protocol with upgrade", policy("connectionPool: {http: {h2UpgradePolicy: UPGRADE, useClientProtocol: true}}"),
                List.of("spec.trafficPolicy.connectionPool.http.useClientProtocol | use client protocol must not be true when H2UpgradePolicy is UPGRADE")),
            // agent.ValidateDuration on connectTimeout: whole milliseconds
            arguments("connect timeout in microseconds", policy("connectionPool: {tcp: {connectTimeout: 1500us}}"),
                List.of("spec.trafficPolicy.connectionPool.tcp.connectTimeout | only durations to ms precision are supported")),
            // tcp.idleTimeout 0s means "disabled" and is skipped
            arguments("tcp idle timeout 0s accepted", policy("connectionPool: {tcp: {idleTimeout: 0s}}"), List.of()),
            // validateOutlierDetection
            arguments("max ejection percent 150", policy("outlierDetection: {consecutive5xxErrors: 1, maxEjectionPercent: 150}"),
                List.of("spec.trafficPolicy.outlierDetection.maxEjectionPercent | percentage 150 is not in range 0..100")),
            arguments("min health percent -1", policy("outlierDetection: {minHealthPercent: -1}"),
                List.of("spec.trafficPolicy.outlierDetection.minHealthPercent | percentage -1 is not in range 0..100")),
            arguments("deprecated consecutiveErrors", policy("outlierDetection: {consecutiveErrors: 5}"),
                List.of("spec.trafficPolicy.outlierDetection.consecutiveErrors | outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead")),
            // validateSubset merges with appendErrors, so a subset policy's warnings are lost
            arguments("subset warning dropped", "host: reviews\nsubsets:\n- name: v1\n  trafficPolicy: {outlierDetection: {consecutiveErrors: 5}}\n",
                List.of()),
            arguments("local origin failures without split", policy("outlierDetection: {consecutiveLocalOriginFailures: 3}"),
                List.of("spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures | outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false")),
            arguments("interval in microseconds", policy("outlierDetection: {interval: 10001us}"),
                List.of("spec.trafficPolicy.outlierDetection.interval | only durations to ms precision are supported")),
            // validateLoadBalancer
            arguments("cookie without a name", policy("loadBalancer: {consistentHash: {httpCookie: {name: '', ttl: 0s}}}"),
                List.of("spec.trafficPolicy.loadBalancer.consistentHash.httpCookie | name required for HttpCookie")),
            arguments("duplicate cookie attribute", policy("loadBalancer: {consistentHash: {httpCookie: {name: user, attributes: [{name: a}, {name: a}]}}}"),
                List.of("spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[1] | duplicate cookie attribute name: a")),
            arguments("deprecated minimumRingSize", policy("loadBalancer: {consistentHash: {httpHeaderName: x-user, minimumRingSize: 1024}}"),
                List.of("spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize | consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead")),
            arguments("minimumRingSize and ringHash", policy("loadBalancer: {consistentHash: {useSourceIp: true, minimumRingSize: 1024, ringHash: {minimumRingSize: 1024}}}"),
                List.of("spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize | consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead",
                        "spec.trafficPolicy.loadBalancer.consistentHash | only one of MinimumRingSize or Maglev/Ringhash can be specified")),
            arguments("maglev table not prime", policy("loadBalancer: {consistentHash: {useSourceIp: true, maglev: {tableSize: 1000}}}"),
                List.of("spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize | tableSize must be a prime number for maglev")),
            arguments("maglev table unset", policy("loadBalancer: {consistentHash: {useSourceIp: true, maglev: {}}}"),
                List.of("spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize | tableSize must be set for maglev",
                        "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize | tableSize must be a prime number for maglev")),
            // (warmup's percent and aggression bounds are also CRD bounds, so the schema refuses them first)
            arguments("warmup accepted", policy("loadBalancer: {simple: ROUND_ROBIN, warmup: {duration: 10s}}"), List.of()),
            arguments("simple load balancer accepted", policy("loadBalancer: {simple: LEAST_REQUEST}"), List.of()),
            // validatePortTrafficPolicies
            arguments("port policy without port", policy("portLevelSettings:\n- connectionPool: {tcp: {maxConnections: 1}}"),
                List.of("spec.trafficPolicy.portLevelSettings[0] | portTrafficPolicy must have valid port")),
            arguments("empty port policy", policy("portLevelSettings:\n- port: {number: 9080}"),
                List.of("spec.trafficPolicy.portLevelSettings[0] | port traffic policy must have at least one field")),
            // validateExportTo with a workload selector
            arguments("selector with exportTo", "host: reviews\nworkloadSelector: {matchLabels: {app: productpage}}\nexportTo: ['*']\n",
                List.of("spec.exportTo | destination rule with workload selector cannot have exportTo beyond current namespace"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void webhook(String what, String spec, List<String> expected) {
        var findings = Validator.validate(List.of(Fixtures.dr(spec)));
        assertThat(findings).allMatch(f -> f.stage() == Stage.WEBHOOK, "all findings come from the webhook");
        assertThat(Fixtures.lines(findings)).containsExactlyElementsOf(expected);
    }
}
