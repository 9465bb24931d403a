package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.ManifestException;
import workbench.manifest.Manifests;

/**
 * The ingress gateway's routing, each row one rule of Istio's Gateway and VirtualService reference
 * (istio.io/latest/docs/reference/config/networking/gateway/ and virtual-service/#VirtualService "gateways")
 * and the "Ingress Gateways" task: a Gateway selects gateway pods by label and opens servers (port, hosts, with
 * {@code ns/host} limiting which namespaces' VirtualServices may bind); a VirtualService reaches the gateway only when
 * its {@code gateways} name that Gateway ({@code name} in its own namespace, or {@code namespace/name}; {@code mesh}
 * means the sidecars); hosts match exactly or by a leading {@code *}; whatever no server and bound rule claims is 404.
 * Requests go straight to the gateway pod's Envoy with the Host given.
 */
class GatewayRoutingTest {
    @TempDir
    static Path dir;
    private static EmbeddedBackend backend;

    @BeforeAll
    static void bookinfo() {
        backend = new EmbeddedBackend(20261130, "default");
        backend.enableInjection();
        backend.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml")));
        backend.ingressGateway();
    }

    @AfterAll
    static void stop() { backend.close(); }

    private static int status(String gatewaySpec, String vsSpec, String host, String path) throws IOException {
        Path f = Files.createTempFile(dir, "gw", ".yaml");
        Files.writeString(f, """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: bookinfo-gateway}
                spec:
                %s
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: bookinfo}
                spec:
                %s
                  http:
                  - match: [{uri: {exact: /productpage}}, {uri: {prefix: /api/v1/products}}]
                    route: [{destination: {host: productpage, port: {number: 9080}}}]
                """.formatted(gatewaySpec.indent(2).stripTrailing(), vsSpec.indent(2).stripTrailing()));
        var docs = Manifests.load(f);
        backend.apply(docs);
        try {
            Pod gatewayPod = new Pod("istio-ingressgateway-probe", "istio-system", Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"), null, true);
            return backend.mesh().ingressGatewayFor(gatewayPod, 80).send(new MeshRequest("GET", host, path, Map.of(), ""), Duration.ofSeconds(10)).status();
        } finally {
            backend.delete(docs);
        }
    }

    private static final String ANY_HOST = "selector: {istio: ingressgateway}\nservers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bound by name, any host: a listed path goes through                 | ANY    | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /productpage     | 200
            a prefix match goes through                                          | ANY    | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /api/v1/products | 200
            a path no rule lists is 404 (NR)                                     | ANY    | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /health          | 404
            bound as namespace/name                                              | ANY    | hosts: ['*']\\ngateways: [default/bookinfo-gateway]  | localhost:8080       | /productpage     | 200
            bound to mesh only: not on the gateway                               | ANY    | hosts: ['*']\\ngateways: [mesh]                      | localhost:8080       | /productpage     | 404
            no gateways field: sidecars only                                     | ANY    | hosts: ['*']                                          | localhost:8080       | /productpage     | 404
            bound to another Gateway name                                        | ANY    | hosts: ['*']\\ngateways: [other-gateway]             | localhost:8080       | /productpage     | 404
            server host exact: that host goes through                            | EXACT  | hosts: ['*']\\ngateways: [bookinfo-gateway]          | bookinfo.example.com | /productpage     | 200
            server host exact: another host is 404                               | EXACT  | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /productpage     | 404
            server wildcard host: a host under it goes through                   | WILD   | hosts: ['*']\\ngateways: [bookinfo-gateway]          | a.example.com        | /productpage     | 200
            server wildcard host: the bare domain is not under it                | WILD   | hosts: ['*']\\ngateways: [bookinfo-gateway]          | example.com          | /productpage     | 404
            VirtualService host must match too                                   | ANY    | hosts: [bookinfo.example.com]\\ngateways: [bookinfo-gateway] | localhost:8080 | /productpage  | 404
            server host ns/* admits VirtualServices of that namespace            | NSDEF  | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /productpage     | 200
            server host ns/* refuses other namespaces                            | NSOTH  | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /productpage     | 404
            selector that picks no gateway pod                                   | NOSEL  | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /productpage     | 404
            server on another port                                               | P443   | hosts: ['*']\\ngateways: [bookinfo-gateway]          | localhost:8080       | /productpage     | 404
            """)
    void routes(String rule, String gateway, String vs, String host, String path, int expected) throws IOException {
        String spec = switch (gateway) {
            case "ANY" -> ANY_HOST;
            case "EXACT" -> ANY_HOST.replace("'*'", "bookinfo.example.com");
            case "WILD" -> ANY_HOST.replace("'*'", "'*.example.com'");
            case "NSDEF" -> ANY_HOST.replace("'*'", "'default/*'");
            case "NSOTH" -> ANY_HOST.replace("'*'", "'other/*'");
            case "NOSEL" -> ANY_HOST.replace("istio: ingressgateway", "istio: egressgateway");
            case "P443" -> ANY_HOST.replace("number: 80", "number: 443");
            default -> throw new IllegalArgumentException(gateway);
        };
        assertThat(status(spec, vs.replace("\\n", "\n"), host, path)).as(rule).isEqualTo(expected);
    }

    /**
     * A match block's own {@code gateways} decide which proxies keep it (route.go sourceMatchHTTP): the gateway's
     * proxy keeps a block naming that Gateway (a bare name resolved in the VirtualService's namespace), and drops
     * one naming only {@code mesh} or another Gateway.
     */
    @ParameterizedTest(name = "match gateways {0} → {1} at the gateway")
    @CsvSource({"bookinfo-gateway, 200", "default/bookinfo-gateway, 200", "mesh, 404", "other-gateway, 404", "'mesh, bookinfo-gateway', 200"})
    void aMatchBlocksGatewaysDecideWhetherTheGatewayKeepsIt(String matchGateways, int expected) throws IOException {
        MeshResponse response = productpageThroughGateway("""
                  gateways: [mesh, bookinfo-gateway]
                  http:
                  - match: [{uri: {exact: /productpage}, gateways: [%s]}]
                    route: [{destination: {host: productpage, port: {number: 9080}}}]
                """.formatted(matchGateways));
        assertThat(response.status()).isEqualTo(expected);
    }

    /**
     * A rule selected at the gateway acts as at a sidecar: istiod builds gateway and sidecar routes with the same
     * function (pilot/pkg/networking/core/route BuildHTTPRoutesForVirtualService), so a redirect, a direct response
     * and a fault abort answer at the gateway just as they do inside the mesh (virtual-service reference: HTTPRedirect,
     * HTTPDirectResponse, HTTPFaultInjection).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            redirect: 301 with the new location                 | redirect: {uri: /login, authority: bookinfo.example.com}                         | 301 | http://bookinfo.example.com/login
            redirect with redirectCode 308                      | redirect: {uri: /v2, redirectCode: 308}                                           | 308 | http://localhost:8080/v2
            direct response: its status and body                | directResponse: {status: 418, body: {string: teapot}}                            | 418 |
            fault abort of 100%: the abort status               | 'fault: {abort: {httpStatus: 503, percentage: {value: 100}}}\n    route: [{destination: {host: productpage, port: {number: 9080}}}]' | 503 |
            fault abort of 0%: the request goes through         | 'fault: {abort: {httpStatus: 503, percentage: {value: 0}}}\n    route: [{destination: {host: productpage, port: {number: 9080}}}]'   | 200 |
            """)
    void aSelectedRuleActsAtTheGatewayAsAtASidecar(String rule, String action, int expectedStatus, String expectedLocation) throws IOException {
        MeshResponse response = productpageThroughGateway("""
                  gateways: [bookinfo-gateway]
                  http:
                  - match: [{uri: {exact: /productpage}}]
                    %s
                """.formatted(action.replace("\\n", "\n")));
        assertThat(response.status()).as(rule).isEqualTo(expectedStatus);
        if (expectedLocation != null) assertThat(response.headers()).as(rule).containsEntry("location", expectedLocation);
    }

    /**
     * GET localhost:8080/productpage at the gateway pod while the ANY_HOST Gateway and a VirtualService {@code bookinfo}
     * on hosts {@code *} with {@code spec} (its gateways and http, indented two spaces) are applied; removed afterwards.
     */
    private static MeshResponse productpageThroughGateway(String spec) throws IOException {
        Path f = Files.createTempFile(dir, "gw", ".yaml");
        Files.writeString(f, """
                apiVersion: networking.istio.io/v1
                kind: Gateway
                metadata: {name: bookinfo-gateway}
                spec:
                %s
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: bookinfo}
                spec:
                  hosts: ['*']
                %s""".formatted(ANY_HOST.indent(2).stripTrailing(), spec));
        var docs = Manifests.load(f);
        backend.apply(docs);
        try {
            Pod gatewayPod = new Pod("istio-ingressgateway-probe", "istio-system", Map.of("app", "istio-ingressgateway", "istio", "ingressgateway"), null, true);
            return backend.mesh().ingressGatewayFor(gatewayPod, 80)
                    .send(new MeshRequest("GET", "localhost:8080", "/productpage", Map.of(), ""), Duration.ofSeconds(10));
        } finally {
            backend.delete(docs);
        }
    }

    @Test
    void aGatewayWithoutServersIsRefusedInIstiodsWords() throws IOException {
        Path f = Files.createTempFile(dir, "gw", ".yaml");
        Files.writeString(f, "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: empty}\nspec:\n  selector: {istio: ingressgateway}\n  servers: []\n");
        assertThatThrownBy(() -> workbench.istio.Gateway.read(Manifests.load(f).get(0), "default"))
                .isInstanceOf(ManifestException.class).hasMessageContaining("spec.servers").hasMessageContaining("gateway must have at least one server");
    }

    @Test
    void theGatewayPodListensOnLoopback() {
        assertThat(backend.ingressGateway().getHost()).isEqualTo("localhost");
        assertThat(backend.ingressGateway().getPort()).isPositive();
    }
}
