package workbench.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.io.DefaultBHttpClientConnectionFactory;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessorBuilder;
import org.apache.hc.core5.http.protocol.RequestContent;
import org.apache.hc.core5.http.protocol.RequestTargetHost;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.pool.LaxConnPool;
import org.apache.hc.core5.pool.PoolEntry;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import workbench.tracing.Span;

/**
 * The real HTTP hop from a sidecar to a chosen pod, over loopback, on keep-alive connections pooled per pod
 * (Apache HttpCore: its connection pool, one route per pod address, and its HTTP/1.1 request executor). The pod sees
 * the Host the sidecar forwards (the caller's authority, or the route's rewrite), as behind Envoy, and only the headers
 * the sidecar sends, plus the framing: Envoy's HTTP/1.1 upstream adds no {@code Connection} or {@code User-Agent}.
 * One Upstream serves a whole mesh; closing it closes every connection.
 *
 * <p>Why HttpCore and not a full client: the sidecar already decides retries, redirects, timeouts and headers, so a
 * client's own layers (its retry, redirect, cookie and authentication handling, URI normalisation) would only repeat
 * work on every hop. Why not the JDK's HttpURLConnection: its keep-alive cache is keyed by the URL's host, which here is
 * the service ("reviews:9080") shared by every pod behind it, so a connection kept for reviews-v1 was closed whenever
 * the next call went to reviews-v3.
 */
public final class Upstream implements AutoCloseable {
    /** Headers the executor writes itself from the request (Host from the authority, framing from the body). */
    private static final Set<String> OWN_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding",
            "expect", "upgrade", "keep-alive");
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    /** Idle connections are closed well before the pod's server drops them (PodServer's 30 s idle limit). */
    private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(10);
    /** A connection idle this long is checked before reuse, so one the pod has closed is not used. */
    private static final long VALIDATE_AFTER_IDLE_MS = 1_000;
    /** Envoy's default circuit breakers allow 1024 connections per cluster; a pod never needs more here. */
    private static final int MAX_CONNECTIONS_PER_POD = 1024;
    /** Host from the authority and framing from the body: what any HTTP/1.1 client must write, nothing more. */
    private static final HttpProcessor FRAMING = HttpProcessorBuilder.create().addAll(new RequestContent(), new RequestTargetHost()).build();

    private static final DefaultBHttpClientConnectionFactory HTTP1 = DefaultBHttpClientConnectionFactory.builder().build();

    private final AtomicLong opened = new AtomicLong();
    private volatile boolean closed;
    private final AtomicLong lastIdleSweep = new AtomicLong(System.nanoTime());
    private final LaxConnPool<HttpHost, HttpClientConnection> connections =
            new LaxConnPool<>(MAX_CONNECTIONS_PER_POD, TimeValue.NEG_ONE_MILLISECOND, PoolReusePolicy.LIFO, null);
    private final HttpRequestExecutor executor = new HttpRequestExecutor();
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
    private static String inboundCluster(MeshRequest request) { return "inbound|" + request.port() + "||"; }

    private MeshResponse hop(Pod pod, MeshRequest request, Duration timeout) throws IOException {
        if (pod.address() == null) throw new java.net.ConnectException("pod " + pod.name() + " listens on no port");
        HttpHost target = new HttpHost("http", pod.address().getAddress(), pod.address().getPort());
        BasicClassicHttpRequest outgoing = new BasicClassicHttpRequest(request.method(), target, request.path());
        outgoing.setAuthority(authority(request.authority()));
        request.headers().forEach((k, v) -> { if (!OWN_HEADERS.contains(k.toLowerCase(Locale.ROOT))) outgoing.addHeader(k, v); });
        if (!request.body().isEmpty()) outgoing.setEntity(new ByteArrayEntity(request.body().getBytes(StandardCharsets.UTF_8), null));

        sweepIdle();
        PoolEntry<HttpHost, HttpClientConnection> entry = lease(target);
        boolean reusable = false;
        try {
            HttpClientConnection connection = connectionOf(entry, pod.address());
            // the sidecar's deadline for this try: no answer within it is a read timeout (zero: wait as long as it takes)
            connection.setSocketTimeout(timeout == null || timeout.isZero() ? Timeout.DISABLED : Timeout.ofMilliseconds(Math.max(1, timeout.toMillis())));
            HttpCoreContext context = HttpCoreContext.create();
            executor.preProcess(outgoing, FRAMING, context);
            ClassicHttpResponse response = executor.execute(outgoing, connection, context);
            MeshResponse read = read(response); // the whole body, so the connection is ready for the next request
            reusable = executor.keepAlive(outgoing, response, connection, context);
            return read;
        } catch (HttpException e) {
            throw new IOException("malformed HTTP from pod " + pod.name() + ": " + e.getMessage(), e);
        } finally {
            release(entry, reusable);
        }
    }

    private PoolEntry<HttpHost, HttpClientConnection> lease(HttpHost target) throws IOException {
        try {
            // the pool fails an overdue wait only when another lease or release comes along: bound the wait here too
            return connections.lease(target, null, Timeout.ofMilliseconds(CONNECT_TIMEOUT_MS), null)
                    .get(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a connection", e);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("connect timed out: every connection to " + target + " is busy");
        } catch (ExecutionException e) {
            throw new IOException("no connection to " + target + ": " + e.getCause(), e.getCause());
        }
    }

    private void release(PoolEntry<HttpHost, HttpClientConnection> entry, boolean reusable) {
        if (reusable && !closed) entry.updateExpiry(TimeValue.NEG_ONE_MILLISECOND); // stamps the entry's last use; it never expires by age
        else entry.discardConnection(CloseMode.IMMEDIATE);
        try {
            connections.release(entry, reusable && !closed);
        } catch (IllegalStateException e) {
            // the mesh was closed while this request ran: the pool has let go of the entry, so close its connection here
            if (!closed) throw e;
            entry.discardConnection(CloseMode.IMMEDIATE);
        }
    }

    /** The entry's kept-alive connection when it is still open, else a new one. */
    private HttpClientConnection connectionOf(PoolEntry<HttpHost, HttpClientConnection> entry, InetSocketAddress address) throws IOException {
        HttpClientConnection kept = entry.getConnection();
        if (kept != null && kept.isOpen()
                && (System.currentTimeMillis() - entry.getUpdated() < VALIDATE_AFTER_IDLE_MS || !kept.isStale())) {
            return kept;
        }
        if (kept != null) entry.discardConnection(CloseMode.IMMEDIATE);
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(address, CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            socket.close();
            // Attempt tells a connect timeout from a read timeout by this message
            throw e instanceof SocketTimeoutException ? new SocketTimeoutException("connect timed out: " + address) : e;
        }
        HttpClientConnection connection = HTTP1.createConnection(socket);
        entry.assignConnection(connection);
        opened.incrementAndGet();
        return connection;
    }

    /** At most once a second, closes connections idle longer than {@link #MAX_IDLE}. */
    private void sweepIdle() {
        long last = lastIdleSweep.get();
        long now = System.nanoTime();
        if (now - last > 1_000_000_000L && lastIdleSweep.compareAndSet(last, now)) connections.closeIdle(MAX_IDLE);
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
        return new MeshResponse(response.getCode(), headers, body(response.getEntity()));
    }

    /** The whole body as text; with a Content-Length, read straight into one array of that size. */
    private static String body(HttpEntity entity) throws IOException {
        if (entity == null) return "";
        long length = entity.getContentLength();
        try (InputStream in = entity.getContent()) {
            if (in == null) return "";
            // a body cut short fails inside HttpCore's Content-Length stream, as a connection closed early
            byte[] bytes = length >= 0 && length <= Integer.MAX_VALUE - 8 ? in.readNBytes((int) length) : in.readAllBytes();
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** TCP connections opened to pods so far. */
    public long connectionsOpened() { return opened.get(); }

    @Override
    public void close() {
        closed = true;
        connections.close(CloseMode.IMMEDIATE);
    }
}
