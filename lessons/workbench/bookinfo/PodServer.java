package workbench.bookinfo;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ExceptionListener;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.BasicHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.ResponseConnControl;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.http.protocol.ResponseDate;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/**
 * A pod's listening socket: a real HTTP/1.1 server on a free loopback port, serving one {@link App}
 * (Apache HttpCore's classic server: one thread per keep-alive connection, so a request on a pooled
 * connection goes straight to the thread that reads it, with no dispatcher hand-off).
 */
public final class PodServer implements AutoCloseable {
    /** Like the JDK's server: a connection idle this long is closed by the pod. */
    private static final Timeout IDLE = Timeout.ofSeconds(30);
    /** Headers the server writes itself from the response (framing), never copied from the app. */
    private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");
    /** Date and framing, as any HTTP server adds them; no Server header (the app or its sidecar says who it is). */
    private static final HttpProcessor RESPONSE_HEADERS = HttpProcessorBuilder.create()
            .addAll(new ResponseDate(), new ResponseContent(true), new ResponseConnControl()).build();

    private final HttpServer server;

    private PodServer(HttpServer server) { this.server = server; }

    /** Binds port 0 so the kernel picks a free port: a busy port can never break a run. */
    public static PodServer start(App app, Outbound outbound) throws IOException {
        return start(0, app, outbound);
    }

    /**
     * Binds {@code preferredPort} on loopback when it is free, else a port the kernel picks: for a pod the reader
     * reaches by a well-known port (the ingress gateway's 8080), without a busy port breaking the run.
     */
    public static PodServer startPreferring(int preferredPort, App app, Outbound outbound) throws IOException {
        try {
            return start(preferredPort, app, outbound);
        } catch (java.net.BindException busy) {
            return start(0, app, outbound);
        }
    }

    private static PodServer start(int port, App app, Outbound outbound) throws IOException {
        HttpRequestHandler handler = (request, response, context) -> serve(request, response, app, outbound);
        HttpServer server = ServerBootstrap.bootstrap()
                .setLocalAddress(InetAddress.getLoopbackAddress())
                .setListenerPort(port)
                .setSocketConfig(SocketConfig.custom().setTcpNoDelay(true).setBacklogSize(64).setSoTimeout(IDLE).build())
                .setHttpProcessor(RESPONSE_HEADERS)
                .setRequestRouter((request, context) -> handler) // every host and path: the app routes itself
                .setExceptionListener(ExceptionListener.NO_OP) // a caller closing its pooled connection is no error
                .create();
        server.start();
        return new PodServer(server);
    }

    public InetSocketAddress address() { return new InetSocketAddress(server.getInetAddress(), server.getLocalPort()); }

    /** Whether the port takes a TCP connection right now: how a readiness probe of the pod would see it. */
    public boolean accepts() {
        try (java.net.Socket probe = new java.net.Socket()) {
            probe.connect(address(), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void serve(ClassicHttpRequest request, ClassicHttpResponse out, App app, Outbound outbound) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : request.getHeaders()) headers.putIfAbsent(h.getName(), h.getValue());
        Header host = request.getFirstHeader(HttpHeaders.HOST);
        String authority = host == null ? "localhost" : host.getValue();
        MeshResponse response;
        try {
            String body = request.getEntity() == null ? "" : new String(EntityUtils.toByteArray(request.getEntity()), StandardCharsets.UTF_8);
            response = app.handle(new MeshRequest(request.getMethod(), authority, request.getPath(), headers, body), outbound);
        } catch (RuntimeException e) {
            response = MeshResponse.of(500, "text/plain", "internal error: " + e.getMessage());
        }
        out.setCode(response.status());
        String declaredLength = null;
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) declaredLength = h.getValue();
            if (!FRAMING.contains(name)) out.setHeader(h.getKey(), h.getValue());
        }
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        if (body.length > 0) {
            out.setEntity(new ByteArrayEntity(body, null));
        } else if (request.getMethod().equals("HEAD") && declaredLength != null) {
            // a HEAD response describes the body a GET would carry (RFC 9110, 9.3.2): its length, but no bytes
            out.setEntity(new BasicHttpEntity(InputStream.nullInputStream(), Long.parseLong(declaredLength), null));
        }
    }

    @Override
    public void close() {
        server.close(CloseMode.IMMEDIATE); // stops listening, interrupts the workers and closes their connections
        try {
            server.awaitTermination(TimeValue.ofSeconds(5)); // no pod thread outlives the pod
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
