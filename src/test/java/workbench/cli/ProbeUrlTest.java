package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code mesh probe --url}: Istio's circuit-breaking task (istio.io/latest/docs/tasks/traffic-management/circuit-breaking/)
 * reproduced from the command line. With maxConnections 1 and http1MaxPendingRequests 1, one caller is never refused;
 * above one, any 503 is an overflow (flag UO, Envoy's access-log "upstream overflow") and the sidecar's
 * upstream_rq_pending_overflow counts exactly those.
 */
class ProbeUrlTest {
    private static final String BREAKER = "manifests/httpbin-circuit-breaker.yaml";
    private static final String URL = "http://httpbin:8000/get";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run mesh(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MeshCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "--concurrency {0}")
    @CsvSource({"1", "2", "3"})
    void fiveOhThreesOnlyAboveOneConnectionAndEqualToTheOverflowCount(int concurrency) throws IOException {
        Run run = mesh("probe", "-f", BREAKER, "--url", URL, "--concurrency", Integer.toString(concurrency),
                "--requests", "60", "--seed", "7", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        long ok = json.path("status").path("200").asLong();
        long refused = json.path("status").path("503").asLong();
        assertThat(ok + refused).isEqualTo(60);
        assertThat(json.path("overflow").asLong()).as("upstream_rq_pending_overflow").isEqualTo(refused);
        assertThat(json.path("flags").path("UO").asLong()).isEqualTo(refused);
        if (concurrency == 1) assertThat(refused).isZero();
        assertThat(json.path("latency_ms").fieldNames()).toIterable()
                .containsExactly("min", "avg", "p50", "p75", "p90", "p99", "p99.9", "max");
    }

    @Test
    void anyServiceCanBeCalled() throws IOException {
        Run run = mesh("probe", "-f", BREAKER, "--url", "http://httpbin:8000/status/418", "--requests", "3", "--concurrency", "1", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).path("status").path("418").asLong()).isEqualTo(3);
    }

    @Test
    void throughTheIngressGatewayTheProductPageAnswers() throws IOException {
        Run run = mesh("probe", "-f", "manifests/bookinfo-gateway.yaml", "--via-gateway", "--requests", "10", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(new ObjectMapper().readTree(run.out()).path("status").path("200").asLong()).isEqualTo(10);
    }

    @Test
    void aGatewayWithoutServersIsOneLineAndExitTwo() throws IOException {
        Path f = Files.writeString(dir.resolve("gw.yaml"),
                "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  selector: {istio: ingressgateway}\n");
        Run run = mesh("probe", "-f", f.toString(), "--via-gateway");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("gateway must have at least one server").doesNotContain("\tat ");
        assertThat(run.err().lines().filter(l -> l.startsWith("error:"))).hasSize(1);
    }

    @Test
    void aVirtualServiceBoundToAMissingGatewayIsRefusedInAnalyzesWords() throws IOException {
        Path f = Files.writeString(dir.resolve("vs.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: bookinfo}
                spec:
                  hosts: ["*"]
                  gateways: [bookinfo-gateways]
                  http:
                  - route:
                    - destination: {host: productpage, port: {number: 9080}}
                """);
        Run run = mesh("probe", "-f", f.toString(), "--via-gateway");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: analyze: Error [IST0101] (VirtualService default/bookinfo) Referenced gateway not found: \"bookinfo-gateways\"");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"--concurrency, 0", "--requests, 0"})
    void belowOneIsRefused(String option, String value) {
        Run run = mesh("probe", "-f", BREAKER, "--url", URL, option, value);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains(option + " must be at least 1");
    }
}
