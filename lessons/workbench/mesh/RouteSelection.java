package workbench.mesh;

import java.util.Optional;
import workbench.istio.HttpMatch;
import workbench.istio.HttpRoute;
import workbench.istio.VirtualService;

/**
 * What a caller's sidecar decides about a request before any random draw: which Service the host names, and
 * which VirtualService rule (if any) takes it. Both the emulated sidecar and the lesson's expectation start here.
 */
public sealed interface RouteSelection {

    /** The host names no Service the caller can resolve. */
    record Unresolved(String host) implements RouteSelection {}

    /** No VirtualService applies to this caller and port: the Service's default route to all its endpoints. */
    record DefaultRoute(KubeService service) implements RouteSelection {}

    /** A VirtualService applies, but none of its rules matched: Envoy answers 404 (NR). */
    record NoRoute(KubeService service, VirtualService virtualService) implements RouteSelection {}

    /** The first rule that matched, and the match block that did (empty for a rule without blocks). */
    record Rule(KubeService service, VirtualService virtualService, HttpRoute rule, Optional<HttpMatch> match)
            implements RouteSelection {

        /** "reviews-canary.yaml http[0]": where in the applied files the rule is. */
        public String source() {
            return virtualService.document().file().getFileName() + " " + rule.path();
        }
    }
}
