package workbench.mesh;

import java.util.Map;
import workbench.istio.HttpMatch;
import workbench.istio.StringMatch;
import workbench.istio.VirtualService;

/**
 * Whether a VirtualService match block holds, in two stages as in Istio:
 * <ul>
 * <li>{@link #appliesTo} is decided when istiod builds one sidecar's config (route.go TranslateRoute /
 *     sourceMatchHTTP): {@code port} against the listener port, {@code gateways} (a block listing gateways is
 *     kept only if {@code mesh} is among them, and then sourceLabels are not looked at),
 *     {@code sourceLabels} as a subset of the caller's labels, {@code sourceNamespace}.</li>
 * <li>{@link #matches} is what Envoy checks per request (route.go TranslateRouteMatch): uri (path without the
 *     query; ignoreUriCase for exact/prefix only), scheme/method/authority as the {@code :scheme :method
 *     :authority} headers, headers, withoutHeaders (inverted, a missing header counted as "" unless it is a
 *     presence match), queryParams.</li>
 * </ul>
 */
public final class Matcher {
    private Matcher() {}

    /** For a sidecar: the proxy serves the {@code mesh} gateway only. */
    public static boolean appliesTo(HttpMatch m, Pod caller, int listenerPort) {
        return appliesTo(m, caller, listenerPort, VirtualService.MESH_GATEWAY, "");
    }

    /**
     * For the proxy that serves {@code gateway} ({@code mesh} for sidecars, {@code namespace/name} for a gateway):
     * a block listing gateways applies when one of them, resolved in the VirtualService's namespace
     * ({@code vsNamespace}), is that gateway (route.go sourceMatchHTTP: a block with gateways skips sourceLabels).
     */
    public static boolean appliesTo(HttpMatch m, Pod caller, int listenerPort, String gateway, String vsNamespace) {
        if (m.port().isPresent() && m.port().getAsInt() != listenerPort) return false;
        if (!m.gateways().isEmpty()) return m.gateways().stream().anyMatch(g -> resolved(g, vsNamespace).equals(gateway));
        if (caller == null) return m.sourceLabels().isEmpty() && m.sourceNamespace().isEmpty();
        boolean labels = m.sourceLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(caller.labels().get(e.getKey())));
        return labels && (m.sourceNamespace().isEmpty() || m.sourceNamespace().equals(caller.namespace()));
    }

    public static boolean matches(HttpMatch m, MeshRequest request) {
        if (m.uri().isPresent() && !m.uri().get().test(request.pathWithoutQuery(), m.ignoreUriCase())) return false;
        if (m.scheme().isPresent() && !m.scheme().get().test(request.scheme(), false)) return false;
        if (m.method().isPresent() && !m.method().get().test(request.method(), false)) return false;
        if (m.authority().isPresent() && !m.authority().get().test(request.authority(), false)) return false;
        for (Map.Entry<String, StringMatch> h : m.headers().entrySet()) {
            if (!h.getValue().test(request.header(h.getKey()), false)) return false;
        }
        for (Map.Entry<String, StringMatch> h : m.withoutHeaders().entrySet()) {
            String value = request.header(h.getKey());
            StringMatch match = h.getValue();
            // invert_match, with treat_missing_header_as_empty except for a presence match
            if (value == null && match.kind() != StringMatch.Kind.PRESENT) value = "";
            if (match.test(value, false)) return false;
        }
        for (Map.Entry<String, StringMatch> q : m.queryParams().entrySet()) {
            if (!q.getValue().test(request.queryParam(q.getKey()), false)) return false;
        }
        return true;
    }

    /** A gateway reference as istiod resolves it: {@code mesh} stays, a bare name takes the VirtualService's namespace. */
    static String resolved(String gateway, String vsNamespace) {
        if (gateway.equals(VirtualService.MESH_GATEWAY) || gateway.contains("/")) return gateway;
        return vsNamespace + "/" + gateway;
    }
}
