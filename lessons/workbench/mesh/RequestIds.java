package workbench.mesh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Envoy's request-ID extension: a request without {@code x-request-id} gets a fresh random UUID (version 4,
 * lower-case). The random bits come from the sidecar's seeded generator. Envoy also sets
 * {@code x-forwarded-proto} when it is missing ({@code http} inside the mesh).
 */
public final class RequestIds {
    private RequestIds() {}

    public static MeshRequest ensure(MeshRequest request, RandomGenerator random) {
        if (request.header("x-request-id") != null && request.header("x-forwarded-proto") != null) return request;
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        if (request.header("x-request-id") == null) {
            long hi;
            long lo;
            synchronized (random) {
                hi = random.nextLong();
                lo = random.nextLong();
            }
            headers.put("x-request-id", uuid(hi, lo));
        }
        headers.putIfAbsent("x-forwarded-proto", request.scheme());
        return request.withHeaders(headers);
    }

    static String uuid(long hi, long lo) {
        hi = (hi & ~0xF000L) | 0x4000L;                    // version 4
        lo = (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new java.util.UUID(hi, lo).toString();
    }

    /** Where Envoy's UUID extension packs the trace reason (source/extensions/request_id/uuid/config.h TRACE_BYTE_POSITION). */
    private static final int TRACE_BYTE_POSITION = 14;
    private static final char TRACE_SAMPLED = '9';

    /**
     * The id as Envoy rewrites it when it samples the request (UUIDRequestIDExtension::setTraceReason): a UUID gets
     * {@code 9} at its 15th character; any other id is left as it is. Istio keeps pack_trace_reason at its default, true.
     */
    public static String markSampled(String id) {
        if (!isUuid(id)) return id;
        return id.substring(0, TRACE_BYTE_POSITION) + TRACE_SAMPLED + id.substring(TRACE_BYTE_POSITION + 1);
    }

    /** The id says an earlier proxy sampled (9), forced (a) or was asked by the client (b) to trace this request. */
    static boolean traced(String id) {
        if (!isUuid(id)) return false;
        char reason = id.charAt(TRACE_BYTE_POSITION);
        return reason == TRACE_SAMPLED || reason == 'a' || reason == 'b';
    }

    static boolean isUuid(String id) {
        return id != null && id.length() == 36 && id.charAt(8) == '-' && id.charAt(13) == '-' && id.charAt(18) == '-' && id.charAt(23) == '-';
    }
}
