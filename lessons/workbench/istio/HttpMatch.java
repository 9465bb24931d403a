package workbench.istio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import workbench.manifest.Field;

/**
 * One match block of an HTTP route (HTTPMatchRequest); every condition inside it must hold (AND).
 * Header names are lower-cased, as Envoy's HeaderMatcher does; values stay case-sensitive.
 */
public record HttpMatch(Optional<StringMatch> uri, Map<String, StringMatch> headers, boolean ignoreUriCase,
                        String name, Optional<StringMatch> scheme, Optional<StringMatch> method,
                        Optional<StringMatch> authority, Map<String, StringMatch> withoutHeaders,
                        Map<String, StringMatch> queryParams, OptionalInt port, Map<String, String> sourceLabels,
                        String sourceNamespace, List<String> gateways, String path) {

    /** A block with only uri and header conditions (the shape older callers build). */
    public HttpMatch(Optional<StringMatch> uri, Map<String, StringMatch> headers, boolean ignoreUriCase) {
        this(uri, headers, ignoreUriCase, "", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Map.of(),
                OptionalInt.empty(), Map.of(), "", List.of(), "");
    }

    static HttpMatch read(Field f) {
        return new HttpMatch(
                optional(f, "uri"),
                lowerCased(f, "headers"),
                f.has("ignoreUriCase") && f.get("ignoreUriCase").bool(),
                f.optText("name").orElse(""),
                optional(f, "scheme"),
                optional(f, "method"),
                optional(f, "authority"),
                lowerCased(f, "withoutHeaders"),
                matches(f, "queryParams", false),
                f.has("port") ? OptionalInt.of((int) f.get("port").integer()) : OptionalInt.empty(),
                f.stringMap("sourceLabels"),
                f.optText("sourceNamespace").orElse(""),
                f.list("gateways", Field::text),
                f.path());
    }

    private static Optional<StringMatch> optional(Field f, String name) {
        return f.has(name) ? Optional.of(StringMatch.read(f.get(name))) : Optional.empty();
    }

    private static Map<String, StringMatch> lowerCased(Field f, String name) { return matches(f, name, true); }

    private static Map<String, StringMatch> matches(Field f, String name, boolean lowerCase) {
        Map<String, StringMatch> out = new LinkedHashMap<>();
        f.entries(name).forEach((key, match) ->
                out.put(lowerCase ? key.toLowerCase(Locale.ROOT) : key, StringMatch.read(match)));
        return out;
    }
}
