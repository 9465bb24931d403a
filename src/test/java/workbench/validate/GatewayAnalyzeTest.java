package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.manifest.Document;

/**
 * istioctl analyze's gateway messages (Istio 1.28 pkg/config/analysis/msg/messages.yaml): IST0101 "Referenced gateway
 * not found: %q" and IST0132 "one or more host %v defined in VirtualService %s not found in Gateway %s.". The
 * missing-gateway row is the pair Istio's "Diagnose your configuration with istioctl analyze" docs show for a
 * misspelt gateway name.
 */
class GatewayAnalyzeTest {

    private static Document gateway(String name, String hosts) {
        return Fixtures.doc("""
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: %s}
                spec:
                  selector: {istio: ingressgateway}
                  servers:
                  - port: {number: 80, name: http, protocol: HTTP}
                    hosts: %s
                """.formatted(name, hosts));
    }

    private static Document bound(String hosts, String gateways) {
        return Fixtures.vs("bookinfo", """
                hosts: %s
                gateways: %s
                http:
                - route:
                  - destination: {host: productpage, port: {number: 9080}}
                """.formatted(hosts, gateways));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("bound to an existing Gateway serving every host", List.of(gateway("bookinfo-gateway", "['*']"),
                        bound("['*']", "[bookinfo-gateway]")), List.of()),
                Arguments.of("misspelt Gateway name: IST0101 and IST0132, as in Istio's docs", List.of(gateway("bookinfo-gateway", "['*']"),
                        bound("['*']", "[bookinfo-gateways]")), List.of(
                        "IST0101 spec.gateways[0] | Referenced gateway not found: \"bookinfo-gateways\"",
                        "IST0132 spec.gateways[0] | one or more host [*] defined in VirtualService default/bookinfo not found in Gateway default/bookinfo-gateways.")),
                Arguments.of("namespaced reference to the Gateway", List.of(gateway("bookinfo-gateway", "['*']"),
                        bound("['*']", "[default/bookinfo-gateway]")), List.of()),
                Arguments.of("mesh is not a Gateway", List.of(bound("[productpage]", "[mesh]")), List.of()),
                Arguments.of("host outside the Gateway's hosts", List.of(gateway("bookinfo-gateway", "['bookinfo.example.com']"),
                        bound("['reviews.example.com', 'bookinfo.example.com']", "[bookinfo-gateway]")), List.of(
                        "IST0132 spec.gateways[0] | one or more host [reviews.example.com] defined in VirtualService default/bookinfo not found in Gateway default/bookinfo-gateway.")),
                Arguments.of("a wildcard server host covers a host under it", List.of(gateway("bookinfo-gateway", "['*.example.com']"),
                        bound("['bookinfo.example.com']", "[bookinfo-gateway]")), List.of()),
                Arguments.of("a namespaced server host is matched by its host part", List.of(gateway("bookinfo-gateway", "['default/*']"),
                        bound("['*']", "[bookinfo-gateway]")), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyze(String what, List<Document> cluster, List<String> expected) {
        assertThat(Validator.analyze(cluster).stream().map(f -> f.code() + " " + f.path() + " | " + f.message()).toList())
                .containsExactlyElementsOf(expected);
    }
}
