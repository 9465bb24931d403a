package workbench.backend.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A pod's merged-metrics port, as the istio-agent serves it on {@code :15020/stats/prometheus}; here on a free
 * loopback port of its own, one per pod with a sidecar.
 */
final class MetricsEndpoint implements AutoCloseable {
    static final String PATH = "/stats/prometheus";
    private final HttpServer server;

    MetricsEndpoint(Supplier<String> exposition) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext(PATH, exchange -> {
            try (exchange) {
                byte[] body = exposition.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                if (body.length > 0) try (OutputStream out = exchange.getResponseBody()) { out.write(body); }
            }
        });
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort() + PATH; }

    @Override
    public void close() { server.stop(0); }
}
