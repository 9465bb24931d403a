package workbench.mesh;

import java.util.Optional;
import workbench.istio.HttpMatch;
import workbench.istio.HttpRewrite;
import workbench.istio.StringMatch;

/**
 * {@code rewrite.uri} and {@code rewrite.uriRegexRewrite} as Envoy applies them. Pilot turns {@code uri} into
 * {@code prefix_rewrite}, which replaces the part of the path the route matched: the prefix for a prefix match,
 * the whole path (without the query) for exact and regex matches, and "/" when the block has no uri (pilot
 * matches those with prefix "/"). The query string is kept. A regex rewrite substitutes every match in the path
 * without the query (RE2 GlobalReplace, {@code \1} groups). (route.go applyHTTPRouteDestination; Envoy
 * config_impl.cc currentUrlPathAfterRewriteWithMatchedPath.)
 */
public final class UriRewriter {
    private UriRewriter() {}

    public static String rewrite(HttpRewrite rewrite, Optional<HttpMatch> matched, String path) {
        int q = path.indexOf('?');
        String justPath = q < 0 ? path : path.substring(0, q);
        String query = q < 0 ? "" : path.substring(q);
        if (rewrite.uriRegexRewrite().isPresent()) {
            HttpRewrite.RegexRewrite r = rewrite.uriRegexRewrite().get();
            return r.match().matcher(justPath).replaceAll(javaReplacement(r.rewrite())) + query;
        }
        if (rewrite.uri().isEmpty()) return path;
        int matchedLength = matchedLength(matched, justPath);
        return rewrite.uri() + path.substring(Math.min(matchedLength, path.length()));
    }

    private static int matchedLength(Optional<HttpMatch> matched, String justPath) {
        Optional<StringMatch> uri = matched.flatMap(HttpMatch::uri);
        if (uri.isEmpty()) return 1;
        return switch (uri.get().kind()) {
            case PREFIX -> uri.get().value().length();
            case EXACT, REGEX -> justPath.length();
            case PRESENT -> 1;
        };
    }

    /** RE2's {@code \1} back-references become Java's {@code $1}; a literal {@code $} or {@code \} is escaped. */
    static String javaReplacement(String re2) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < re2.length(); i++) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < re2.length() && Character.isDigit(re2.charAt(i + 1))) {
                out.append('$').append(re2.charAt(++i));
            } else if (c == '\\' && i + 1 < re2.length() && re2.charAt(i + 1) == '\\') {
                out.append("\\\\");
                i++;
            } else if (c == '$' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
