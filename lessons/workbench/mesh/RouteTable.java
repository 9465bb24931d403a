package workbench.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import workbench.istio.HttpMatch;
import workbench.istio.HttpRoute;
import workbench.istio.VirtualService;

/**
 * The routes one sidecar gets from a VirtualService for one listener port (route.go
 * BuildHTTPRoutesForVirtualService): each rule keeps only the match blocks that apply to this caller; a rule
 * whose blocks all fall away is dropped; a rule with no blocks matches everything and ends the table. An empty
 * table means istiod skips the VirtualService for this sidecar, which then uses the service's default route.
 */
public record RouteTable(VirtualService virtualService, List<Entry> entries) {

    /** A rule and the match blocks this sidecar kept (empty: the rule matches every request). */
    public record Entry(HttpRoute rule, List<HttpMatch> matches) {
        /** The first kept block the request satisfies; an empty Optional for a catch-all rule is reported as matched via {@link #matchesAll}. */
        Optional<HttpMatch> firstMatching(MeshRequest request) {
            return matches.stream().filter(m -> Matcher.matches(m, request)).findFirst();
        }

        boolean matchesAll() { return matches.isEmpty(); }
    }

    public static RouteTable forCaller(VirtualService vs, Pod caller, int listenerPort) {
        return forProxy(vs, caller, listenerPort, VirtualService.MESH_GATEWAY);
    }

    /** The routes the proxy of {@code gateway} ({@code namespace/name}) gets from {@code vs} for one listener port. */
    public static RouteTable forGateway(VirtualService vs, Pod gatewayPod, int listenerPort, String gateway) {
        return forProxy(vs, gatewayPod, listenerPort, gateway);
    }

    private static RouteTable forProxy(VirtualService vs, Pod caller, int listenerPort, String gateway) {
        List<Entry> entries = new ArrayList<>();
        for (HttpRoute rule : vs.http()) {
            if (rule.match().isEmpty()) {
                entries.add(new Entry(rule, List.of()));
                break;
            }
            List<HttpMatch> kept = rule.match().stream().filter(m -> Matcher.appliesTo(m, caller, listenerPort, gateway, vs.namespace())).toList();
            if (!kept.isEmpty()) entries.add(new Entry(rule, kept));
        }
        return new RouteTable(vs, entries);
    }

    public boolean isEmpty() { return entries.isEmpty(); }

    /** First match wins; the chosen rule and the block that matched (empty for a rule without blocks). */
    public Optional<Selected> select(MeshRequest request) {
        for (Entry e : entries) {
            if (e.matchesAll()) return Optional.of(new Selected(e.rule(), Optional.empty()));
            Optional<HttpMatch> m = e.firstMatching(request);
            if (m.isPresent()) return Optional.of(new Selected(e.rule(), m));
        }
        return Optional.empty();
    }

    public record Selected(HttpRoute rule, Optional<HttpMatch> match) {}
}
