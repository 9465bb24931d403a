package workbench.istio;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import workbench.manifest.Field;

/** One entry of a VirtualService's {@code http} list: conditions, then what happens to matching requests. */
public record HttpRoute(String name, List<HttpMatch> match, List<RouteDestination> route, String path,
                        Optional<HttpRedirect> redirect, Optional<HttpDirectResponse> directResponse,
                        Optional<HttpRewrite> rewrite, Optional<Duration> timeout, Optional<HttpRetry> retries,
                        Optional<HttpFault> fault, List<HttpMirror> mirrors, HeaderOperations headers) {

    /** A plain routing rule: matches and weighted destinations only. */
    public HttpRoute(String name, List<HttpMatch> match, List<RouteDestination> route, String path) {
        this(name, match, route, path, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(), HeaderOperations.NONE);
    }

    static HttpRoute read(Field f) {
        return new HttpRoute(
                f.optText("name").orElse(""),
                f.list("match", HttpMatch::read),
                f.list("route", RouteDestination::read),
                f.path(),
                f.has("redirect") ? Optional.of(HttpRedirect.read(f.get("redirect"))) : Optional.empty(),
                f.has("directResponse") ? Optional.of(HttpDirectResponse.read(f.get("directResponse"))) : Optional.empty(),
                f.has("rewrite") ? Optional.of(HttpRewrite.read(f.get("rewrite"))) : Optional.empty(),
                f.has("timeout") ? Optional.of(Durations.read(f.get("timeout"))) : Optional.empty(),
                f.has("retries") ? Optional.of(HttpRetry.read(f.get("retries"))) : Optional.empty(),
                f.has("fault") ? Optional.of(HttpFault.read(f.get("fault"))) : Optional.empty(),
                HttpMirror.readAll(f),
                HeaderOperations.read(f.get("headers")));
    }
}
