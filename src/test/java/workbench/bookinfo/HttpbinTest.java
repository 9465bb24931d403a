package workbench.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;

class HttpbinTest {
    private final Httpbin httpbin = new Httpbin();

    private MeshResponse get(String path, Map<String, String> headers) {
        return httpbin.handle(MeshRequest.get("http://httpbin:8000" + path, headers), (r, t) -> null);
    }

    @Test
    void statusAnswersTheCodeAsked() {
        assertThat(get("/status/503", Map.of()).status()).isEqualTo(503);
        assertThat(get("/status/418", Map.of()).status()).isEqualTo(418);
    }

    @Test
    void getAndHeadersEchoTheRequestHeaders() {
        assertThat(get("/get?x=1", Map.of("x-test", "yes")).body())
                .contains("\"args\": {\"x\": [\"1\"]}", "\"X-Test\": [\"yes\"]", "\"method\": \"GET\"");
        assertThat(get("/headers", Map.of("end-user", "jason")).body()).isEqualTo("{\"headers\": {\"End-User\": [\"jason\"]}}");
    }

    @Test
    void delayWaitsBeforeAnswering() {
        long t0 = System.nanoTime();
        MeshResponse r = get("/delay/0.2", Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1e6).isGreaterThanOrEqualTo(200);
    }
}
