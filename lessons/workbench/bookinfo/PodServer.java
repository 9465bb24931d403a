package workbench.bookinfo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/** A pod's listening socket: a real HTTP server on a free loopback port, serving one {@link App}. */
public final class PodServer implements AutoCloseable {
    private final HttpServer server;

    private PodServer(HttpServer server) { this.server = server; }

    static {
        // Without TCP_NODELAY, small responses wait on Nagle + delayed ACK: ~40 ms per hop on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Binds port 0 so the kernel picks a free port: a busy port can never break a run. */
    public static PodServer start(App app, Outbound outbound, ExecutorService executor) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", exchange -> serve(exchange, app, outbound));
        server.setExecutor(executor);
        server.start();
        return new PodServer(server);
    }

    /**
     * Binds {@code preferredPort} on loopback when it is free, else a port the kernel picks: for a pod the reader
     * reaches by a well-known port (the ingress gateway's 8080), without a busy port breaking the run.
     */
    public static PodServer startPreferring(int preferredPort, App app, Outbound outbound, ExecutorService executor) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), preferredPort), 64);
        } catch (java.net.BindException busy) {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        }
        server.createContext("/", exchange -> serve(exchange, app, outbound));
        server.setExecutor(executor);
        server.start();
        return new PodServer(server);
    }

    public InetSocketAddress address() { return server.getAddress(); }

    /** Whether the port takes a TCP connection right now: how a readiness probe of the pod would see it. */
    public boolean accepts() {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(server.getAddress(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void serve(HttpExchange exchange, App app, Outbound outbound) throws IOException {
        try (exchange) {
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> { if (!v.isEmpty()) headers.put(k, v.get(0)); });
            String authority = headers.getOrDefault("Host", "localhost");
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            MeshResponse response;
            try {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                response = app.handle(new MeshRequest(exchange.getRequestMethod(), authority, path, headers, body), outbound);
            } catch (RuntimeException e) {
                response = MeshResponse.of(500, "text/plain", "internal error: " + e.getMessage());
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) { out.write(body); }
            }
        }
    }

    @Override
    public void close() { server.stop(0); }
}
