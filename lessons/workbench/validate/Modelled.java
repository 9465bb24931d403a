package workbench.validate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import workbench.manifest.Document;

/**
 * What the embedded mesh models of a VirtualService or DestinationRule, as a whitelist of spec field paths
 * ("x[]" is any list element). A listed field is modelled with everything below it; a field of the Istio schema
 * that is not listed, nor on the way to a listed field, is reported once, at its top. Fields the schema does not
 * know are left to {@link Validator#validate} (kubectl refuses them).
 */
final class Modelled {

    private static final List<String> VIRTUAL_SERVICE = List.of(
            "hosts", "gateways",
            "http[].name",
            "http[].match[].uri", "http[].match[].headers", "http[].match[].queryParams", "http[].match[].method",
            "http[].match[].authority", "http[].match[].scheme", "http[].match[].ignoreUriCase",
            "http[].match[].withoutHeaders", "http[].match[].port", "http[].match[].sourceLabels",
            "http[].match[].sourceNamespace", "http[].match[].name", "http[].match[].gateways",
            "http[].route[].destination.host", "http[].route[].destination.subset", "http[].route[].destination.port.number",
            "http[].route[].weight", "http[].route[].headers",
            "http[].redirect", "http[].directResponse",
            "http[].rewrite.uri", "http[].rewrite.uriRegexRewrite", "http[].rewrite.authority",
            "http[].timeout",
            "http[].retries.attempts", "http[].retries.perTryTimeout", "http[].retries.retryOn",
            "http[].retries.backoff", "http[].retries.retryIgnorePreviousHosts",
            "http[].fault.delay.fixedDelay", "http[].fault.delay.percentage",
            "http[].fault.abort.httpStatus", "http[].fault.abort.percentage",
            "http[].mirror", "http[].mirrors", "http[].mirrorPercentage", "http[].mirrorPercent",
            "http[].headers");

    private static final List<String> TRAFFIC_POLICY = List.of(
            "loadBalancer.simple",
            "loadBalancer.consistentHash.httpHeaderName",
            "loadBalancer.consistentHash.httpCookie",
            "loadBalancer.consistentHash.httpQueryParameterName",
            "loadBalancer.consistentHash.useSourceIp",
            "connectionPool.tcp.maxConnections", "connectionPool.tcp.connectTimeout",
            "connectionPool.http.http1MaxPendingRequests",
            "connectionPool.http.http2MaxRequests",
            "connectionPool.http.maxRequestsPerConnection",
            "connectionPool.http.maxRetries",
            "outlierDetection.consecutive5xxErrors", "outlierDetection.consecutiveGatewayErrors",
            "outlierDetection.interval", "outlierDetection.baseEjectionTime",
            "outlierDetection.maxEjectionPercent");

    /** The rule's policy, and the same parts per port (portLevelSettings), which PolicyMerge applies too. */
    private static final List<String> DESTINATION_RULE = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("host", "subsets[].name", "subsets[].labels", "trafficPolicy.portLevelSettings[].port.number"),
            TRAFFIC_POLICY.stream().flatMap(leaf -> java.util.stream.Stream.of(
                    "trafficPolicy." + leaf, "trafficPolicy.portLevelSettings[]." + leaf))).toList();

    /** The string-match fields of an HTTP match whose values are StringMatch objects (or maps of them). */
    private static final List<String> STRING_MATCHES = List.of("uri", "method", "authority", "scheme");
    private static final List<String> STRING_MATCH_MAPS = List.of("headers", "queryParams", "withoutHeaders");

    private record Whitelist(Set<String> leaves, Set<String> containers) {
        static Whitelist of(List<String> leaves) {
            Set<String> containers = new HashSet<>();
            for (String leaf : leaves) {
                for (int i = 0; i < leaf.length(); i++) {
                    if (leaf.charAt(i) == '.' || leaf.startsWith("[]", i)) containers.add(leaf.substring(0, i));
                }
            }
            return new Whitelist(Set.copyOf(leaves), containers);
        }
    }

    private static final Whitelist VS = Whitelist.of(VIRTUAL_SERVICE);
    private static final Whitelist DR = Whitelist.of(DESTINATION_RULE);

    private Modelled() {}

    static List<Finding> unmodelled(Document doc) {
        String kind = doc.kind();
        if (!kind.equals("VirtualService") && !kind.equals("DestinationRule")) return List.of();
        List<Finding> out = new ArrayList<>();
        Node spec = Node.root(doc).get("spec");
        walk(doc, kind, kind.equals("VirtualService") ? VS : DR, spec, "", out);
        if (kind.equals("VirtualService")) virtualServiceNotes(doc, spec, out);
        return out;
    }

    private static void walk(Document doc, String kind, Whitelist wl, Node node, String schemaPath, List<Finding> out) {
        if (node.isArray()) {
            for (Node item : node.items()) walk(doc, kind, wl, item, schemaPath + "[]", out);
            return;
        }
        node.entries().forEach((name, child) -> {
            String path = CrdSchema.child(schemaPath, name);
            String listed = kind.equals("DestinationRule") && path.startsWith("subsets[].trafficPolicy")
                    ? path.substring("subsets[].".length()) : path;
            if (wl.leaves().contains(listed) || !child.present()) return;
            if (wl.containers().contains(listed)) {
                walk(doc, kind, wl, child, path, out);
            } else if (CrdSchema.declares(kind, path)) {
                out.add(note(doc, child.path(), "field " + child.path()
                        + " is not modelled by the embedded mesh; it is ignored there (a real cluster applies it)"));
            }
        });
    }

    private static Finding note(Document doc, String path, String message) {
        return new Finding(Severity.WARNING, Stage.EMBEDDED, "", doc, path, message);
    }

    /** Things Istio accepts that the embedded mesh cannot read as Envoy would. */
    private static void virtualServiceNotes(Document doc, Node spec, List<Finding> out) {
        if (!spec.get("hosts").nonEmpty()) {
            out.add(note(doc, spec.get("hosts").path(), "field " + spec.get("hosts").path() + " is empty: a VirtualService "
                    + "without hosts is a delegate, which Istio accepts but the embedded mesh does not model"));
        }
        for (Node http : spec.get("http").items()) {
            for (Node m : http.get("match").items()) {
                for (String f : STRING_MATCHES) stringMatch(doc, m.get(f), out);
                for (String f : STRING_MATCH_MAPS) m.get(f).entries().values().forEach(v -> stringMatch(doc, v, out));
            }
            Node rr = http.get("rewrite").get("uriRegexRewrite").get("match");
            if (rr.present()) regex(doc, rr, out);
        }
    }

    /** A string match with none of exact/prefix/regex means "present", which the mesh models; only regexes need a look. */
    private static void stringMatch(Document doc, Node sm, List<Finding> out) {
        if (sm.isObject() && sm.has("regex")) regex(doc, sm.get("regex"), out);
    }

    /** An RE2 pattern that java.util.regex (the embedded mesh's matcher) refuses or reads differently. */
    private static void regex(Document doc, Node regex, List<Finding> out) {
        String re = regex.text();
        if (re.isEmpty() || Re2.check(re).isPresent()) return; // validate() reports those
        boolean differs = re.contains("[[:") || re.contains("[^[:") || re.contains("(?U") || re.contains("(?P<");
        try {
            Pattern.compile(re);
        } catch (PatternSyntaxException e) {
            differs = true;
        }
        if (differs) {
            out.add(note(doc, regex.path(), "field " + regex.path() + " is valid RE2, but java.util.regex, which the "
                    + "embedded mesh matches with, refuses it or reads it differently; Envoy's matching is not modelled for it"));
        }
    }
}
