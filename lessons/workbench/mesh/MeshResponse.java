package workbench.mesh;

import java.util.Map;

/** An HTTP response as it reaches the calling application. */
public record MeshResponse(int status, Map<String, String> headers, String body) {

    public static MeshResponse of(int status, String contentType, String body) {
        return new MeshResponse(status, Map.of("content-type", contentType), body);
    }

    /** A reply Envoy makes itself (no route, no cluster, no healthy upstream): plain text, maybe empty. */
    public static MeshResponse envoy(int status, String body) {
        return new MeshResponse(status, body.isEmpty() ? Map.of() : Map.of("content-type", "text/plain"), body);
    }

    public boolean isOk() { return status >= 200 && status < 300; }
}
