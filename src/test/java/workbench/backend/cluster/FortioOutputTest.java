package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FortioOutputTest {
    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void headersComeOnStderrAndTheBodyOnStdout() {
        String headers = "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\ncontent-length: 40\r\nserver: envoy\r\n\r\n";
        FortioOutput.Response r = FortioOutput.parse(bytes("<title>Simple Bookstore App</title>\n..."), headers);
        assertThat(r.status()).contains(200);
        assertThat(r.body()).isEqualTo("<title>Simple Bookstore App</title>\n...");
    }

    @Test
    void anErrorStatusStillReturnsItsBody() {
        String stderr = "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 19\r\n\r\n"
                + "{\"level\":\"error\",\"msg\":\"Error status\",\"code\":503}\n";
        FortioOutput.Response r = FortioOutput.parse(bytes("no healthy upstream"), stderr);
        assertThat(r.status()).contains(503);
        assertThat(r.body()).isEqualTo("no healthy upstream");
    }

    @Test
    void chunkedBodiesLoseTheirFraming() {
        String headers = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        String raw = "5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n";
        assertThat(FortioOutput.parse(bytes(raw), headers).body()).isEqualTo("Hello, world");
    }

    @Test
    void malformedChunksAreLeftAsReceived() {
        assertThat(new String(FortioOutput.dechunk(bytes("zz\r\nnot chunked")), StandardCharsets.UTF_8)).isEqualTo("zz\r\nnot chunked");
    }

    @Test
    void noResponseMeansNoStatusAndAnEmptyBody() {
        FortioOutput.Response r = FortioOutput.parse(new byte[0],
                "{\"level\":\"err\",\"msg\":\"Unable to connect\",\"host\":\"productpage:9080\",\"err\":\"connection refused\"}\n");
        assertThat(r.status()).isEmpty();
        assertThat(r.body()).isEmpty();
        assertThat(r.stderr()).contains("connection refused");
    }
}
