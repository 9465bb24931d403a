package workbench.mesh;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import workbench.tracing.Span;

/**
 * The real HTTP hop from a sidecar to a chosen pod, over loopback, on keep-alive connections pooled per pod
 * (Apache HttpClient's pool, one route per pod address). The pod sees the Host the sidecar forwards (the
 * caller's authority, or the route's rewrite), as behind Envoy. One Upstream serves a whole mesh; closing it
 * closes every connection.
 *
 * <p>Why not the JDK's HttpURLConnection: its keep-alive cache is keyed by the URL's host, which here is the
 * service ("reviews:9080") shared by every pod behind it, so a connection cached for reviews-v1 was closed
 * whenever the next call went to reviews-v3 — a third of an 80/20 run's hops opened a new connection.
 */
public final class Upstream implements AutoCloseable {
    /** Headers the client writes itself from the request (Host from the authority, framing from the body). */
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(2);
    /** Idle connections are closed well before the pod's server drops them (PodServer's 30 s idle limit). */
    private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(10);
    /** Envoy's default circuit breakers allow 1024 connections per cluster; a pod never needs more here. */
    private static final int MAX_CONNECTIONS_PER_POD = 1024;

    private final AtomicLong opened = new AtomicLong();
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;
    private final MeshTelemetry telemetry;
    private final MeshTracing tracing;

    public Upstream() { this(null, null); }

    /**
     * {@code telemetry}: where a pod's own sidecar reports the requests it receives; {@code tracing}: where it reports
     * its SERVER spans (null: nothing is recorded).
     */
    Upstream(MeshTelemetry telemetry, MeshTracing tracing) {
        this.telemetry = telemetry;
        this.tracing = tracing;
        connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX) // a lock per pod, not one for the whole pool
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_POD)
                .setConnectionFactory(socket -> {
                    opened.incrementAndGet();
                    return ManagedHttpClientConnectionFactory.INSTANCE.createConnection(socket);
                })
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(CONNECT_TIMEOUT)
                        .setValidateAfterInactivity(TimeValue.ofSeconds(1)) // a connection the pod closed is not reused
                        .build())
                .build();
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .evictIdleConnections(MAX_IDLE)
                // the sidecar decides retries, redirects and headers; the transport adds none of its own
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .disableAuthCaching()
                .disableDefaultUserAgent()
                .build();
    }

    public MeshResponse send(Pod pod, MeshRequest request, Duration timeout) throws IOException {
        return send(null, pod, request, timeout);
    }

    /**
     * The hop from {@code caller} (null: not known) to {@code pod}; the pod's own sidecar, when it has one, reports
     * the request as its destination. A hop that gets no response is reported with code 0 and flag {@code DC}
     * (the downstream went away first). That sidecar also opens a SERVER span and hands the application the request
     * with its own span id in the B3 headers.
     */
    public MeshResponse send(Pod caller, Pod pod, MeshRequest request, Duration timeout) throws IOException {
        long start = System.nanoTime();
        MeshTracing.Open span = tracing != null && pod.sidecar() ? tracing.openInbound(request) : null;
        MeshRequest inbound = span == null ? request : span.request();
        MeshResponse response;
        try {
            response = hop(pod, inbound, timeout);
        } catch (IOException e) {
            if (telemetry != null) telemetry.destination(caller, pod, request, 0, "DC", start);
            if (span != null) tracing.close(span, Span.SERVER, pod, serviceOf(pod, request), inboundCluster(request), 0, "DC");
            throw e;
        }
        if (telemetry != null) telemetry.destination(caller, pod, request, response.status(), "-", start);
        if (span != null) tracing.close(span, Span.SERVER, pod, serviceOf(pod, request), inboundCluster(request), response.status(), "-");
        return response;
    }

    private String serviceOf(Pod pod, MeshRequest request) {
        return telemetry == null ? request.host() : telemetry.serviceOf(pod, request);
    }

    /** Envoy's inbound cluster for the port the request arrived on: {@code inbound|<port>||}. */
    private static String inboundCluster(MeshRequest request) { return "inbound|" + MeshTracing.port(request) + "||"; }

    private MeshResponse hop(Pod pod, MeshRequest request, Duration timeout) throws IOException {
        if (pod.address() == null) throw new java.net.ConnectException("pod " + pod.name() + " listens on no port");
        HttpHost target = new HttpHost("http", pod.address().getAddress(), pod.address().getPort());
        BasicClassicHttpRequest outgoing = new BasicClassicHttpRequest(request.method(), target, request.path());
        outgoing.setAuthority(authority(request.authority()));
        request.headers().forEach((k, v) -> { if (!OWN_HEADERS.contains(k.toLowerCase(Locale.ROOT))) outgoing.addHeader(k, v); });
        if (!request.body().isEmpty()) outgoing.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null));

        HttpClientContext context = HttpClientContext.create();
        Timeout responseTimeout = timeout == null || timeout.isZero()
                ? Timeout.DISABLED : Timeout.ofMilliseconds(Math.max(1, timeout.toMillis()));
        context.setRequestConfig(RequestConfig.custom().setResponseTimeout(responseTimeout).build());
        try {
            return client.execute(target, outgoing, context, Upstream::read);
        } catch (ConnectTimeoutException e) {
            throw new SocketTimeoutException("connect timed out: " + e.getMessage());
        }
    }

    /** The authority as the Host header carries it, taken as written (a rewrite may set any text). */
    private static URIAuthority authority(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String port = colon < 0 ? "" : hostAndPort.substring(colon + 1);
        boolean hasPort = colon > 0 && !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(c -> c >= '0' && c <= '9')
                && hostAndPort.lastIndexOf(']') < colon;
        return hasPort ? new URIAuthority(hostAndPort.substring(0, colon), Integer.parseInt(port)) : new URIAuthority(hostAndPort);
    }

    private static MeshResponse read(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : response.getHeaders()) headers.putIfAbsent(h.getName().toLowerCase(Locale.ROOT), h.getValue());
        String body = response.getEntity() == null ? "" : new String(EntityUtils.toByteArray(response.getEntity()), StandardCharsets.UTF_8);
        return new MeshResponse(response.getCode(), headers, body);
    }

    /** TCP connections opened to pods so far. */
    public long connectionsOpened() { return opened.get(); }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE); // also closes the pool and stops the idle-connection evictor
    }
}
