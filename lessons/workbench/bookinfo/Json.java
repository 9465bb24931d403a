package workbench.bookinfo;

import workbench.mesh.MeshResponse;

/** JSON responses as the Bookinfo services send them. */
final class Json {
    private Json() {}

    static MeshResponse ok(String body) { return of(200, body); }

    static MeshResponse of(int status, String body) { return MeshResponse.of(status, "application/json", body); }

    static MeshResponse notFound() { return MeshResponse.of(404, "text/plain", "Not Found"); }
}
