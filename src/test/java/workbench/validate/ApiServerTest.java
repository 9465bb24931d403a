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
 * What the API server refuses before istiod sees the object: kubectl's strict field validation (DECODE) and the
 * Istio 1.28 CRD schema with its CEL rule "duration(self) >= duration('1ms')" (SCHEMA). Field-error bodies follow
 * k8s.io/apimachinery field.Error ("Invalid value: ...", "Required value", "Unsupported value: ..."), the type and
 * bound texts follow kube-openapi ("... in body must be of type ...", "... should be greater than or equal to ...").
 */
class ApiServerTest {

    private static final String ROUTE = "hosts: [reviews]\nhttp:\n- route:\n  - destination: {host: reviews}\n";

    private static Document vsWith(String httpExtra) { return Fixtures.vs(ROUTE + "  " + httpExtra + "\n"); }

    static Stream<Arguments> cases() {
        return Stream.of(
            // CEL: duration(self) >= duration('1ms') -- so "0s" cannot mean "no timeout"
            arguments("timeout 0s", vsWith("timeout: 0s"), Stage.SCHEMA,
                List.of("spec.http[0].timeout | Invalid value: \"string\": must be a valid duration greater than 1ms")),
            arguments("perTryTimeout below 1ms", vsWith("retries: {attempts: 2, perTryTimeout: 0.5ms}"), Stage.SCHEMA,
                List.of("spec.http[0].retries.perTryTimeout | Invalid value: \"string\": must be a valid duration greater than 1ms")),
            // CEL duration() cannot convert a string without a unit, or with an unknown unit
            arguments("timeout without unit", vsWith("timeout: '10'"), Stage.SCHEMA,
                List.of("spec.http[0].timeout | Invalid value: \"string\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: must be a valid duration greater than 1ms")),
            arguments("fixedDelay in days", vsWith("fault: {delay: {fixedDelay: 1d, percentage: {value: 10}}}"), Stage.SCHEMA,
                List.of("spec.http[0].fault.delay.fixedDelay | Invalid value: \"string\": type conversion error from 'string' to 'google.protobuf.Duration' evaluating rule: must be a valid duration greater than 1ms")),
            arguments("DR interval 0s", Fixtures.dr("host: reviews\ntrafficPolicy: {outlierDetection: {interval: 0s}}"), Stage.SCHEMA,
                List.of("spec.trafficPolicy.outlierDetection.interval | Invalid value: \"string\": must be a valid duration greater than 1ms")),
            // OpenAPI types
            arguments("timeout as a number", vsWith("timeout: 10"), Stage.SCHEMA,
                List.of("spec.http[0].timeout | Invalid value: \"integer\": spec.http[0].timeout in body must be of type string: \"integer\"")),
            arguments("weight as a string", Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - destination: {host: reviews}\n    weight: '80'\n"), Stage.SCHEMA,
                List.of("spec.http[0].route[0].weight | Invalid value: \"string\": spec.http[0].route[0].weight in body must be of type integer: \"string\"")),
            arguments("hosts not a list", Fixtures.vs("hosts: reviews\nhttp:\n- route:\n  - destination: {host: reviews}\n"), Stage.SCHEMA,
                List.of("spec.hosts | Invalid value: \"string\": spec.hosts in body must be of type array: \"string\"")),
            // required fields: HTTPRouteDestination.destination, Destination.host, DestinationRule.host, directResponse.status
            arguments("route without destination", Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - weight: 100\n"), Stage.SCHEMA,
                List.of("spec.http[0].route[0].destination | Required value")),
            arguments("destination without host", Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - destination: {subset: v1}\n"), Stage.SCHEMA,
                List.of("spec.http[0].route[0].destination.host | Required value")),
            arguments("DR without host", Fixtures.dr("subsets:\n- name: v1\n"), Stage.SCHEMA,
                List.of("spec.host | Required value")),
            arguments("direct response without status", Fixtures.vs("hosts: [reviews]\nhttp:\n- directResponse: {body: {string: down}}\n"), Stage.SCHEMA,
                List.of("spec.http[0].directResponse.status | Required value")),
            // enums
            arguments("load balancer typo", Fixtures.dr("host: reviews\ntrafficPolicy: {loadBalancer: {simple: ROUND_ROBBIN}}"), Stage.SCHEMA,
                List.of("spec.trafficPolicy.loadBalancer.simple | Unsupported value: \"ROUND_ROBBIN\": supported values: \"UNSPECIFIED\", \"LEAST_CONN\", \"RANDOM\", \"PASSTHROUGH\", \"ROUND_ROBIN\", \"LEAST_REQUEST\"")),
            // bounds (uint32 fields carry minimum 0 and maximum 4294967295)
            arguments("negative match port", vsWith("match: [{port: -1}]"), Stage.SCHEMA,
                List.of("spec.http[0].match[0].port | Invalid value: -1: spec.http[0].match[0].port in body should be greater than or equal to 0")),
            arguments("negative consecutive 5xx", Fixtures.dr("host: reviews\ntrafficPolicy: {outlierDetection: {consecutive5xxErrors: -1}}"), Stage.SCHEMA,
                List.of("spec.trafficPolicy.outlierDetection.consecutive5xxErrors | Invalid value: -1: spec.trafficPolicy.outlierDetection.consecutive5xxErrors in body should be greater than or equal to 0")),
            arguments("warmup minimum percent", Fixtures.dr("host: reviews\ntrafficPolicy: {loadBalancer: {warmup: {duration: 10s, minimumPercent: 150.5}}}"), Stage.SCHEMA,
                List.of("spec.trafficPolicy.loadBalancer.warmup.minimumPercent | Invalid value: 150.5: spec.trafficPolicy.loadBalancer.warmup.minimumPercent in body should be less than or equal to 100")),
            // the subset traffic policy has the same schema
            arguments("subset policy bound", Fixtures.dr("host: reviews\nsubsets:\n- name: v1\n  trafficPolicy: {outlierDetection: {consecutiveGatewayErrors: -2}}"), Stage.SCHEMA,
                List.of("spec.subsets[0].trafficPolicy.outlierDetection.consecutiveGatewayErrors | Invalid value: -2: spec.subsets[0].trafficPolicy.outlierDetection.consecutiveGatewayErrors in body should be greater than or equal to 0")),
            // a schema error stops the request: the webhook's "weight -5 < 0" is never reached
            arguments("schema before webhook", Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - destination: {host: reviews}\n    weight: -5\n  - destination: {host: reviews}\n    weight: 105\n  timeout: 0s\n"), Stage.SCHEMA,
                List.of("spec.http[0].timeout | Invalid value: \"string\": must be a valid duration greater than 1ms")),
            // strict field validation (kubectl's default --validate=strict): fields the CRD does not declare
            arguments("misspelt field", Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - destination: {host: reviews}\n    weights: 100\n"), Stage.DECODE,
                List.of("spec.http[0].route[0].weights | unknown field \"spec.http[0].route[0].weights\"")),
            arguments("subset instead of subsets", Fixtures.dr("host: reviews\nsubset:\n- name: v1\n"), Stage.DECODE,
                List.of("spec.subset | unknown field \"spec.subset\"")),
            arguments("field at the top level", Fixtures.doc("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: reviews}\nspecs: {host: reviews}\n"), Stage.DECODE,
                List.of("specs | unknown field \"specs\"")),
            // strict decoding comes first: the bad duration is not reported alongside
            arguments("decode before schema", vsWith("timeout: 0s\n  retry: {attempts: 3}"), Stage.DECODE,
                List.of("spec.http[0].retry | unknown field \"spec.http[0].retry\"")),
            // the CRD serves v1, v1beta1 and v1alpha3; any other version has no mapping
            arguments("unknown API version", Fixtures.doc("apiVersion: networking.istio.io/v2\nkind: VirtualService\nmetadata: {name: reviews}\nspec: {hosts: [reviews]}\n"), Stage.DECODE,
                List.of("apiVersion | no matches for kind \"VirtualService\" in version \"networking.istio.io/v2\""))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void apiServer(String what, Document doc, Stage stage, List<String> expected) {
        var findings = Validator.validate(List.of(doc));
        assertThat(findings).allMatch(f -> f.stage() == stage && f.isError());
        assertThat(Fixtures.lines(findings)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptedVersions(String apiVersion) {
        var doc = Fixtures.doc("apiVersion: " + apiVersion + "\nkind: VirtualService\nmetadata: {name: reviews}\nspec:\n  " + ROUTE.replace("\n", "\n  "));
        assertThat(Validator.validate(List.of(doc))).isEmpty();
    }

    static Stream<String> accepted() {
        return Stream.of("networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3");
    }
}
