package workbench.mesh;

import workbench.istio.HttpRedirect;

/**
 * The {@code location} of a VirtualService redirect, built as Envoy's RouteEntryImplBase::newPath does with the
 * RedirectAction pilot writes (route.go ApplyRedirect): scheme from the redirect or the request; host from
 * {@code authority} or the request's Host, whose port is dropped when a port is redirected to or the scheme
 * changes away from its default port; {@code port} (or the listener port for derivePort FROM_REQUEST_PORT), left
 * out when it is 80 for http or 443 for https; path from {@code uri} keeping the request's query unless the uri
 * has its own, else the request's path. Status: redirectCode, 301 by default.
 */
public final class RedirectLocation {
    private RedirectLocation() {}

    public static String location(HttpRedirect redirect, MeshRequest request, int listenerPort) {
        String scheme = redirect.scheme().isEmpty() ? request.scheme() : redirect.scheme();
        int port = 0;
        if (redirect.port().isPresent() || !redirect.derivePort().isEmpty()) {
            if (redirect.port().isPresent()) port = redirect.port().getAsInt();
            else if (redirect.derivePort().equals("FROM_REQUEST_PORT")) port = listenerPort;
            String portScheme = redirect.scheme().isEmpty() ? "http" : redirect.scheme();
            if ((port == 80 && portScheme.equals("http")) || (port == 443 && portScheme.equals("https"))) port = 0;
        }
        String finalPort = port > 0 ? ":" + port : "";
        String host = redirect.authority().isEmpty() ? requestHost(request, scheme, finalPort) : redirect.authority();
        String path;
        if (!redirect.uri().isEmpty()) {
            int q = request.path().indexOf('?');
            path = redirect.uri().contains("?") || q < 0 ? redirect.uri() : redirect.uri() + request.path().substring(q);
        } else {
            path = request.path();
        }
        if (!path.startsWith("/")) path = "/" + path;
        return scheme + "://" + host + finalPort + path;
    }

    /** The request's Host, without its port when a new port is set or the scheme leaves its default port behind. */
    private static String requestHost(MeshRequest request, String newScheme, String newPort) {
        String host = request.authority();
        int colon = host.lastIndexOf(':');
        if (colon < 0) return host;
        String requestPort = host.substring(colon);
        String protocol = request.header("x-forwarded-proto") == null ? request.scheme() : request.header("x-forwarded-proto");
        boolean remove = !newPort.isEmpty();
        if (!newScheme.equals(protocol)) {
            remove |= protocol.equals("https") && requestPort.equals(":443");
            remove |= protocol.equals("http") && requestPort.equals(":80");
        }
        return remove ? host.substring(0, colon) : host;
    }

    /** Pilot maps 0/301, 302, 303, 307 and 308; anything else it leaves the route without an action (not modelled: 301). */
    public static int status(HttpRedirect redirect) {
        return switch (redirect.redirectCode()) {
            case 302, 303, 307, 308 -> redirect.redirectCode();
            default -> 301;
        };
    }
}
