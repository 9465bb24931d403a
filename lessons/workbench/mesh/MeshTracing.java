package workbench.mesh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import workbench.istio.WorkbenchMeshConfig;
import workbench.tracing.Span;
import workbench.tracing.SpanStore;

/**
 * Envoy's Zipkin tracer as Istio configures it (pilot/pkg/networking/core/tracing.go: 128-bit trace ids,
 * {@code shared_span_context: false}, JSON v2): every sidecar a request passes makes a span of its own. The caller's
 * sidecar opens a CLIENT span, the callee's a SERVER span under it, and each writes its own span id into the B3
 * headers ({@code x-b3-traceid}, {@code x-b3-spanid}, {@code x-b3-parentspanid}, {@code x-b3-sampled}) of the request
 * it passes on. An application that copies those headers onto the calls it makes (Bookinfo does) joins them into
 * one trace.
 * <p>
 * Whether a request is traced follows Envoy's UUID request-id extension (source/extensions/request_id/uuid/config.h,
 * {@code TRACE_BYTE_POSITION = 14}): a request id whose 15th character is {@code 9}, {@code a} or {@code b} was already
 * sampled upstream and stays traced; otherwise the connection manager draws from the id itself (its first 8 characters
 * read as hex, modulo 10,000, against the rate in hundredths of a percent; an id that does not start with 8 hex digits is
 * never traced) and, when it samples a UUID, writes {@code 9} there (source/common/http/conn_manager_utility.cc
 * mutateTracingRequestHeader). An incoming {@code x-b3-sampled} overrides that decision, as Envoy's Zipkin tracer reads
 * it first. The rate is the one the workbench installs Istio with ({@link WorkbenchMeshConfig#TRACE_SAMPLING_PERCENT}).
 * An untraced request still carries B3 headers, with {@code x-b3-sampled: 0}, and reports no span.
 */
public final class MeshTracing {
    /** Istio's Zipkin tracer keeps its spans; ours keeps this many for the lesson to read. */
    static final int KEPT_SPANS = 20_000;
    private static final long EPOCH_MICROS = System.currentTimeMillis() * 1000;
    private static final long NANO_ORIGIN = System.nanoTime();
    private static final java.util.HexFormat HEX = java.util.HexFormat.of();

    private final SpanStore store = new SpanStore(KEPT_SPANS);
    private final SplittableRandom ids;

    private final double samplingPercent;

    MeshTracing(long seed) { this(seed, WorkbenchMeshConfig.TRACE_SAMPLING_PERCENT); }

    MeshTracing(long seed, double samplingPercent) {
        this.ids = new SplittableRandom(seed ^ 0x7a1b5eedL);
        this.samplingPercent = samplingPercent;
    }

    public SpanStore store() { return store; }

    /** A span opened by one sidecar: its ids, whether it is reported, and the request as it leaves that sidecar, carrying them. */
    record Open(String traceId, String spanId, String parentId, boolean sampled, MeshRequest request, long startNanos) {}

    /**
     * The receiving sidecar's span: as any Envoy connection manager, it first gives a request that arrives without an
     * {@code x-request-id} (say, from a pod with no sidecar) a fresh one, then decides on tracing (see {@link #open}).
     */
    Open openInbound(MeshRequest request) { return open(RequestIds.ensure(request, ids)); }

    /** Opens a span for {@code request}: a child of the span its B3 headers name, or the root of a new trace. */
    Open open(MeshRequest request) {
        String requestId = request.header("x-request-id");
        // Envoy's Zipkin tracer takes x-b3-sampled when the request carries one, else the connection manager's decision
        boolean managerTraces = RequestIds.traced(requestId) || sampledByRate(requestId);
        String b3Sampled = request.header("x-b3-sampled");
        boolean sampled = b3Sampled != null ? b3Sampled.equals("1") || b3Sampled.equalsIgnoreCase("true") : managerTraces;
        String traceId = request.header("x-b3-traceid");
        String parentId = traceId == null ? null : request.header("x-b3-spanid");
        String spanId;
        synchronized (ids) {
            if (traceId == null) traceId = hex(ids.nextLong()) + hex(ids.nextLong());
            spanId = hex(ids.nextLong());
        }
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put("x-b3-traceid", traceId);
        headers.put("x-b3-spanid", spanId);
        if (parentId != null) headers.put("x-b3-parentspanid", parentId);
        else headers.remove("x-b3-parentspanid");
        headers.put("x-b3-sampled", sampled ? "1" : "0");
        if (managerTraces && !RequestIds.traced(requestId)) headers.put("x-request-id", RequestIds.markSampled(requestId));
        return new Open(traceId, spanId, parentId, sampled, request.withHeaders(headers), System.nanoTime());
    }

    /** The connection manager's draw: an id whose first 8 characters are not hex is "corrupted" and never traced. */
    private boolean sampledByRate(String requestId) {
        if (requestId == null || requestId.length() < 8 || !requestId.substring(0, 8).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return false;
        }
        long draw = Long.parseLong(requestId.substring(0, 8), 16) % 10_000;
        return draw < Math.round(samplingPercent * 100);
    }

    /**
     * Reports a finished span. Its name is the route's operation as Envoy writes it without a decorator,
     * {@code <host>:<port>/*}; the reporter is {@code <app>.<namespace>}, as Istio sets the service cluster.
     */
    void close(Open span, String kind, Pod reporter, String serviceFqdn, String upstreamCluster, int status, String flags) {
        if (!span.sampled()) return;
        MeshRequest request = span.request();
        store.add(new Ended(span.traceId(), span.spanId(), span.parentId(), kind, micros(span.startNanos()),
                Math.max(1, (System.nanoTime() - span.startNanos()) / 1000), reporter, serviceFqdn, upstreamCluster, status, flags,
                request.method(), request.authority(), request.port(), request.path(), request.header("x-request-id")));
    }

    /** What a sidecar knew when its span ended; the span itself, with its tags, is made when someone reads it. */
    private record Ended(String traceId, String spanId, String parentId, String kind, long startMicros, long durationMicros,
                         Pod reporter, String serviceFqdn, String upstreamCluster, int status, String flags,
                         String method, String authority, int port, String path, String requestId) implements java.util.function.Supplier<Span> {
        @Override
        public Span get() {
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("component", "proxy");
            if (requestId != null) tags.put("guid:x-request-id", requestId);
            tags.put("http.method", method);
            tags.put("http.url", "http://" + authority + path);
            tags.put("http.status_code", Integer.toString(status));
            tags.put("response_flags", flags == null || flags.isEmpty() ? "-" : flags);
            tags.put("upstream_cluster", upstreamCluster);
            tags.put("istio.canonical_service", reporter.app());
            tags.put("istio.namespace", reporter.namespace());
            if (status == 0 || status >= 500) tags.put("error", "true");
            return new Span(traceId, spanId, parentId, serviceFqdn + ":" + port + "/*", kind, startMicros, durationMicros,
                    new Span.Endpoint(reporter.app() + "." + reporter.namespace()), tags);
        }
    }

    private static long micros(long nanos) { return EPOCH_MICROS + (nanos - NANO_ORIGIN) / 1000; }

    private static String hex(long v) { return HEX.toHexDigits(v); }
}
