package workbench.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rules of a VirtualService that can never be used, found the way istiod's analyzeUnreachableHTTPRules (and its TCP
 * and TLS twins) finds them: a rule after one without matches, a rule without matches that is not the last, a rule
 * whose every match appeared in an earlier rule, and a prefix match covered by an earlier, shorter prefix match.
 * The webhook words the results "virtualService rule #1 not used (...)"; istioctl analyze reports the same
 * findings as IST0130 and IST0131.
 */
final class Reachability {

    static final String ONLY_LAST = "only the last rule can have no matches";
    static final String AFTER_CATCH_ALL = "route without matches defined before";
    static final String ALL_USED = "all matches used by prior rules";

    /** A rule that is never used. */
    record Unused(String path, String rule, String reason) {}

    /** A match of a rule that is never used because an earlier match covers it. */
    record Ineffective(String path, String rule, String match, String earlier) {}

    record Result(List<Unused> unused, List<Ineffective> ineffective) {}

    private static final Set<String> MAP_FIELDS = Set.of("headers", "queryParams", "withoutHeaders", "sourceLabels");

    private Reachability() {}

    static Result analyze(Node spec) {
        List<Unused> unused = new ArrayList<>();
        List<Ineffective> ineffective = new ArrayList<>();
        rules(spec.get("http").items(), true, unused, ineffective);
        rules(spec.get("tcp").items(), false, unused, ineffective);
        rules(spec.get("tls").items(), false, unused, ineffective);
        return new Result(unused, ineffective);
    }

    /** Prefix-match facts of one HTTP match, as genMatchHTTPRoutes gathers them. */
    private record PrefixMatch(String path, String rule, String match, String prefix, long port, String method,
                               String authority, Map<String, String> headers, Map<String, String> queryParams,
                               Map<String, String> withoutHeaders) {}

    private static void rules(List<Node> routes, boolean http, List<Unused> unused, List<Ineffective> ineffective) {
        Map<String, Integer> seen = new HashMap<>();
        int catchAll = -1;
        List<PrefixMatch> prefixes = new ArrayList<>();
        for (int rulen = 0; rulen < routes.size(); rulen++) {
            Node route = routes.get(rulen);
            if (!route.present()) continue;
            String rule = ruleName(route, rulen, http);
            List<Node> matches = route.get("match").items();
            if (matches.isEmpty()) {
                if (catchAll >= 0) unused.add(new Unused(route.path(), rule, ONLY_LAST));
                catchAll = rulen;
                continue;
            }
            int duplicates = 0;
            for (int matchn = 0; matchn < matches.size(); matchn++) {
                Node match = matches.get(matchn);
                if (catchAll >= 0) {
                    unused.add(new Unused(route.path(), rule, AFTER_CATCH_ALL));
                    continue;
                }
                String key = canonical(match.json(), false, http);
                Integer dup = seen.get(key);
                String matchName = matchName(match, matchn, http);
                if (dup != null) {
                    ineffective.add(new Ineffective(match.path(), rule, matchName, ruleName(routes.get(dup), dup, http)));
                    duplicates++;
                    continue;
                }
                seen.put(key, rulen);
                if (http) {
                    PrefixMatch p = prefixMatch(match, rule, matchName);
                    if (p != null) prefixes.add(p);
                }
            }
            if (duplicates == matches.size()) unused.add(new Unused(route.path(), rule, ALL_USED));
        }
        for (int a = 0; a < prefixes.size(); a++) {
            PrefixMatch earlier = prefixes.get(a);
            for (int b = a + 1; b < prefixes.size(); b++) {
                PrefixMatch later = prefixes.get(b);
                if (later.prefix().equals(earlier.prefix())) continue;
                if (covered(earlier, later)) {
                    ineffective.add(new Ineffective(later.path(), later.rule(), later.match() + " of prefix " + later.prefix(),
                            earlier.match() + " of prefix " + earlier.prefix() + " on " + earlier.rule()));
                }
            }
        }
    }

    /** routeName: the HTTP route's name quoted, else "#index" (TCP and TLS routes have no names). */
    static String ruleName(Node route, int index, boolean http) {
        String name = route.get("name").text();
        return http && !name.isEmpty() ? GoText.quote(name) : "#" + index;
    }

    private static String matchName(Node match, int index, boolean http) {
        String name = match.get("name").text();
        return http && !name.isEmpty() ? GoText.quote(name) : "#" + index;
    }

    private static PrefixMatch prefixMatch(Node match, String rule, String matchName) {
        String prefix = match.get("uri").get("prefix").text();
        if (!match.has("uri") || prefix.isEmpty()) return null;
        String method = exactOrPrefix(match.get("method"));
        if (method.isEmpty()) method = "exact:GET";
        return new PrefixMatch(match.path(), rule, matchName, prefix, match.get("port").integer(), method,
                exactOrPrefix(match.get("authority")), stringMatches(match.get("headers")),
                stringMatches(match.get("queryParams")), stringMatches(match.get("withoutHeaders")));
    }

    private static String exactOrPrefix(Node sm) {
        String exact = sm.get("exact").text();
        if (!exact.isEmpty()) return "exact:" + exact;
        String prefix = sm.get("prefix").text();
        if (!prefix.isEmpty()) return "prefix:" + prefix;
        return "";
    }

    private static Map<String, String> stringMatches(Node map) {
        Map<String, String> out = new HashMap<>();
        map.entries().forEach((k, v) -> out.put(k, exactOrPrefix(v)));
        return out;
    }

    /** coveredValidation: does the earlier prefix match take every request the later one would? */
    private static boolean covered(PrefixMatch a, PrefixMatch b) {
        if (!b.prefix().startsWith(a.prefix())) return false;
        if (b.port() != a.port()) return false;
        if (!a.method().equals(b.method()) && !a.method().startsWith(b.method())) return false;
        if (!a.authority().equals(b.authority()) && !a.authority().startsWith(b.authority())) return false;
        return mapCovered(a.headers(), b.headers()) && mapCovered(a.queryParams(), b.queryParams())
                && mapCovered(a.withoutHeaders(), b.withoutHeaders());
    }

    private static boolean mapCovered(Map<String, String> a, Map<String, String> b) {
        if (a.size() != b.size()) return false;
        for (var e : a.entrySet()) {
            String other = b.get(e.getKey());
            if (other == null) return false;
            if (!e.getValue().equals(other) && !e.getValue().startsWith(other)) return false;
        }
        return true;
    }

    /**
     * A comparison key for a match that ignores its name and the fields Go's encoding/json leaves out when they
     * hold their zero value, as asJSON does. Inside a string match an empty "exact" still counts.
     */
    static String canonical(JsonNode n, boolean inStringMatch, boolean http) {
        if (n == null || n.isNull() || n.isMissingNode()) return "null";
        if (n.isObject()) {
            TreeMap<String, String> fields = new TreeMap<>();
            boolean stringMatch = isStringMatch(n);
            n.fieldNames().forEachRemaining(k -> {
                JsonNode v = n.get(k);
                if (!inStringMatch && http && k.equals("name")) return;
                if (v == null || v.isNull()) return;
                if (!stringMatch && (v.isBoolean() && !v.asBoolean() || v.isNumber() && v.asDouble() == 0
                        || v.isTextual() && v.asText().isEmpty() || v.isArray() && v.isEmpty())) return;
                if (v.isObject() && v.isEmpty() && MAP_FIELDS.contains(k)) return;
                fields.put(k, canonical(v, stringMatch, false));
            });
            return fields.toString();
        }
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(x -> items.add(canonical(x, false, false)));
            return items.toString();
        }
        if (n.isNumber()) return GoText.floatV(n.asDouble());
        return GoText.quote(n.asText()) + (n.isTextual() ? "" : "#");
    }

    private static boolean isStringMatch(JsonNode n) {
        if (n.isEmpty()) return false;
        var it = n.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!k.equals("exact") && !k.equals("prefix") && !k.equals("regex")) return false;
        }
        return true;
    }
}
