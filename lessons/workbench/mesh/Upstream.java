package workbench.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The real HTTP hop from a sidecar to a chosen pod, over loopback. HttpURLConnection with keep-alive
 * is about twice as fast as java.net.http.HttpClient for these small synchronous calls.
 * <p>The pod must see the Host the sidecar forwards (the caller's authority, or the route's rewrite), as behind
 * Envoy, but the JDK will not let callers set Host. So the request is addressed to the authority and sent
 * through the pod's own address as an HTTP proxy: the request line then carries the absolute URL and the Host
 * header is the authority, and the name is never looked up in DNS.
 */
public final class Upstream {
    /** Headers the JDK sets itself and refuses to take from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    static {
        // the JDK keeps only 5 idle connections per host by default; the mesh runs more callers than that
        if (System.getProperty("http.maxConnections") == null) System.setProperty("http.maxConnections", "64");
    }

    private final MeshTelemetry telemetry;

    public Upstream() { this(null); }

    Upstream(MeshTelemetry telemetry) { this.telemetry = telemetry; }

    public MeshResponse send(Pod pod, MeshRequest request, Duration timeout) throws IOException {
        return send(null, pod, request, timeout);
    }

    /**
     * The hop from {@code caller} (null: not known) to {@code pod}; the pod's own sidecar, when it has one, reports
     * the request as its destination. A hop that gets no response is reported with code 0 and flag {@code DC}
     * (the downstream went away first).
     */
    public MeshResponse send(Pod caller, Pod pod, MeshRequest request, Duration timeout) throws IOException {
        long start = System.nanoTime();
        MeshResponse response;
        try {
            response = hop(pod, request, timeout);
        } catch (IOException e) {
            if (telemetry != null) telemetry.destination(caller, pod, request, 0, "DC", start);
            throw e;
        }
        if (telemetry != null) telemetry.destination(caller, pod, request, response.status(), "-", start);
        return response;
    }

    private MeshResponse hop(Pod pod, MeshRequest request, Duration timeout) throws IOException {
        if (pod.address() == null) throw new java.net.ConnectException("pod " + pod.name() + " listens on no port");
        URL url = new URL("http://" + request.authority() + request.path());
        HttpURLConnection connection = (HttpURLConnection) url.openConnection(new Proxy(Proxy.Type.HTTP, pod.address()));
        connection.setRequestMethod(request.method());
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(2000);
        if (timeout != null && !timeout.isZero()) connection.setReadTimeout((int) Math.max(1, timeout.toMillis()));
        request.headers().forEach((k, v) -> { if (!RESTRICTED.contains(k)) connection.setRequestProperty(k, v); });
        if (!request.body().isEmpty()) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(request.body().getBytes(StandardCharsets.UTF_8));
            }
        }
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException e) {
            connection.disconnect(); // a broken or timed-out connection must not go back to the keep-alive pool
            throw e;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((k, v) -> { if (k != null && !v.isEmpty()) headers.put(k.toLowerCase(), v.get(0)); });
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String body = "";
        if (stream != null) {
            try (InputStream in = stream) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new MeshResponse(status, headers, body);
    }

}
