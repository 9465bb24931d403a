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
}
