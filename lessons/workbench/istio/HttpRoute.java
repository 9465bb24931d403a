package workbench.istio;

import java.util.List;
import workbench.manifest.Field;

/** One entry of a VirtualService's {@code http} list: conditions, then where matching requests go. */
public record HttpRoute(String name, List<HttpMatch> match, List<RouteDestination> route, String path) {

    static HttpRoute read(Field f) {
        return new HttpRoute(
                f.optText("name").orElse(""),
                f.list("match", HttpMatch::read),
                f.list("route", RouteDestination::read),
                f.path());
    }

    /** True when the request satisfies any of the match blocks (blocks are OR; no block matches all). */
    public boolean matches(workbench.mesh.MeshRequest request) {
        return match.isEmpty() || match.stream().anyMatch(m -> m.test(request));
    }
}
