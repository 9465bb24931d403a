package workbench.mesh;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as a sidecar sees it. Header names are lower case, as in HTTP/2 and Envoy.
 * {@code body} is the request body as text, empty for GET. Traffic inside the mesh is plain HTTP, so the
 * scheme is always {@code http}.
 */
public record MeshRequest(String method, String authority, String path, Map<String, String> headers, String body) {

    public MeshRequest {
        // requests are copied at every hop and edit; Map.copyOf of an immutable map is free, so lower-case only when needed
        if (!allLowerCase(headers)) {
            Map<String, String> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
            headers = lower;
        }
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    private static boolean allLowerCase(Map<String, String> headers) {
        for (String name : headers.keySet()) {
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                // header names are ASCII; the table lookup only for the rare other character
                if (c >= 'A' && c <= 'Z' || c >= 0x80 && Character.isUpperCase(c)) return false;
            }
        }
        return true;
    }

    /** A GET of a URL written the way applications write it: {@code http://reviews:9080/reviews/0}. */
    public static MeshRequest get(String url, Map<String, String> headers) {
        java.net.URI uri = java.net.URI.create(url);
        String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new MeshRequest("GET", authority, path.isEmpty() ? "/" : path, headers, "");
    }

    public MeshRequest withHeaders(Map<String, String> replaced) {
        return new MeshRequest(method, authority, path, replaced, body);
    }

    /** A header by name; the pseudo-headers {@code :authority :method :path :scheme} are answered from the request line. */
    public String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case ":authority" -> authority;
            case ":method" -> method;
            case ":path" -> path;
            case ":scheme" -> scheme();
            default -> headers.get(lower);
        };
    }

    public String scheme() { return "http"; }

    public MeshRequest withPath(String newPath) { return new MeshRequest(method, authority, newPath, headers, body); }

    public MeshRequest withAuthority(String newAuthority) { return new MeshRequest(method, newAuthority, path, headers, body); }

    /** The first value of a query parameter, as sent (not percent-decoded); "" for {@code ?key}; null when absent. */
    public String queryParam(String name) {
        int q = path.indexOf('?');
        if (q < 0) return null;
        String query = path.substring(q + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) query = query.substring(0, hash);
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) return eq < 0 ? "" : pair.substring(eq + 1);
        }
        return null;
    }

    public String host() {
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** The port the caller addressed; 80 when the authority names none. */
    public int port() {
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? 80 : Integer.parseInt(authority.substring(colon + 1));
    }

    /** Istio's uri match looks at the path only, never the query string. */
    public String pathWithoutQuery() {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }
}
