package workbench.backend.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.manifest.Document;

/**
 * Decides from a sidecar's Envoy config dump whether applied VirtualServices and DestinationRules are
 * in effect there. From the documents it derives what Istio 1.28 programs into a sidecar: one virtual
 * host {@code <fqdn>:<port>} per service port, one route per match block in VirtualService order, each
 * sending to {@code outbound|<port>|<subset>|<fqdn>} (several destinations become weighted clusters,
 * zero weights dropped), and one cluster per DestinationRule subset. It compares the destinations and
 * weights, exact/prefix/regex header matches, fault injection and, where the VirtualService sets one,
 * the route timeout. Everything else (retries, mirrors, traffic policies) is not compared.
 */
public final class EnvoyRoutes {
    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)(ms|s|m|h)$");
    private static final Set<String> IGNORED_HEADER_KEYS = Set.of("uri", "scheme", "method", "authority");

    /** The ports of a Service by its FQDN; empty when there is no such Service. */
    @FunctionalInterface
    public interface ServicePorts {
        List<Integer> of(String fqdn);
    }

    /** One Envoy route, reduced to what the workbench compares. {@code timeoutMillis} null = not compared/absent. */
    public record Route(List<String> destinations, List<String> headers, boolean fault, Long timeoutMillis) {
        public Route {
            destinations = destinations.stream().sorted().toList();
            headers = headers.stream().sorted().toList();
        }

        boolean satisfies(Route expected) {
            return destinations.equals(expected.destinations) && headers.equals(expected.headers) && fault == expected.fault
                    && (expected.timeoutMillis == null || expected.timeoutMillis.equals(timeoutMillis));
        }

        String describe() {
            String to = String.join(", ", destinations);
            String when = headers.isEmpty() ? "" : " when " + String.join(" and ", headers);
            return to + when + (fault ? " with fault injection" : "")
                    + (timeoutMillis == null || timeoutMillis == 0 ? "" : " timeout " + timeoutMillis + "ms");
        }
    }

    /** What a sidecar shows once the config is in effect, plus notes on what cannot be checked. */
    public record Expectation(Map<String, List<Route>> virtualHosts, Set<String> clusters, List<String> unverifiable) {
        public boolean isEmpty() { return virtualHosts.isEmpty() && clusters.isEmpty(); }
    }

    private EnvoyRoutes() {}

    public static Expectation expect(List<Document> config, String namespace, ServicePorts ports) {
        Map<String, List<Route>> hosts = new LinkedHashMap<>();
        Set<String> clusters = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (Document doc : config) {
            String ns = doc.namespaceOr(namespace);
            JsonNode spec = doc.body().path("spec");
            switch (doc.kind()) {
                case "VirtualService" -> expectVirtualService(doc, spec, ns, ports, hosts, notes);
                case "DestinationRule" -> {
                    String fqdn = fqdn(spec.path("host").asText(""), ns);
                    List<Integer> servicePorts = ports.of(fqdn);
                    if (servicePorts.isEmpty()) {
                        notes.add(doc.describe() + ": host " + fqdn + " is not a Service here; not checked");
                        continue;
                    }
                    for (JsonNode subset : spec.path("subsets")) {
                        for (int p : servicePorts) clusters.add(cluster(p, subset.path("name").asText(""), fqdn));
                    }
                }
                default -> { }
            }
        }
        return new Expectation(hosts, clusters, notes);
    }

    private static void expectVirtualService(Document doc, JsonNode spec, String ns, ServicePorts ports,
                                             Map<String, List<Route>> hosts, List<String> notes) {
        JsonNode gateways = spec.path("gateways");
        if (gateways.isArray() && gateways.size() > 0 && !contains(gateways, "mesh")) return; // not for sidecars
        for (JsonNode http : spec.path("http")) {
            if (http.has("delegate")) {
                notes.add(doc.describe() + ": delegate routes are not checked");
                return;
            }
            for (JsonNode m : http.path("match")) {
                if (m.has("sourceLabels") || m.has("sourceNamespace")) {
                    notes.add(doc.describe() + ": routes limited to some source workloads are not checked");
                    return;
                }
            }
        }
        for (JsonNode hostNode : spec.path("hosts")) {
            String host = hostNode.asText("");
            if (host.contains("*")) {
                notes.add(doc.describe() + ": wildcard host " + host + " is not checked");
                continue;
            }
            String fqdn = fqdn(host, ns);
            List<Integer> servicePorts = ports.of(fqdn);
            if (servicePorts.isEmpty()) {
                notes.add(doc.describe() + ": host " + fqdn + " is not a Service here; not checked");
                continue;
            }
            for (int port : servicePorts) {
                List<Route> routes = new ArrayList<>();
                for (JsonNode http : spec.path("http")) {
                    List<String> destinations = destinations(http, port, ns, ports);
                    boolean fault = http.has("fault");
                    Long timeout = http.has("timeout") ? millis(http.path("timeout").asText("")) : null;
                    List<JsonNode> matches = new ArrayList<>();
                    http.path("match").forEach(matches::add);
                    if (matches.isEmpty()) {
                        routes.add(new Route(destinations, List.of(), fault, timeout));
                        continue;
                    }
                    for (JsonNode m : matches) {
                        if (m.has("port") && m.path("port").asInt() != port) continue; // Istio drops it for this port
                        routes.add(new Route(destinations, expectedHeaders(m), fault, timeout));
                    }
                }
                hosts.put(fqdn + ":" + port, routes);
            }
        }
    }

    private static List<String> destinations(JsonNode http, int port, String ns, ServicePorts ports) {
        if (http.has("redirect")) return List.of("redirect");
        if (http.has("directResponse")) return List.of("direct_response");
        List<JsonNode> route = new ArrayList<>();
        http.path("route").forEach(route::add);
        List<String> out = new ArrayList<>();
        for (JsonNode r : route) {
            JsonNode d = r.path("destination");
            String fqdn = fqdn(d.path("host").asText(""), ns);
            int destPort = port;
            if (d.path("port").has("number")) destPort = d.path("port").path("number").asInt();
            else {
                List<Integer> own = ports.of(fqdn);
                if (own.size() == 1) destPort = own.get(0);
            }
            String name = cluster(destPort, d.path("subset").asText(""), fqdn);
            if (route.size() == 1) out.add(name);
            else if (r.path("weight").asInt(0) > 0) out.add(name + "=" + r.path("weight").asInt());
        }
        return out;
    }

    private static List<String> expectedHeaders(JsonNode match) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> h : match.path("headers").properties()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (IGNORED_HEADER_KEYS.contains(name)) continue;
            headerEntry(name, h.getValue().path("exact").asText(null), h.getValue().path("prefix").asText(null),
                    h.getValue().path("regex").asText(null)).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<String> headerEntry(String name, String exact, String prefix, String regex) {
        if (exact != null && !exact.isEmpty()) return Optional.of(name + "=exact:" + exact);
        if (prefix != null && !prefix.isEmpty()) return Optional.of(name + "=prefix:" + prefix);
        if (regex != null && !regex.isEmpty() && !regex.equals("*")) return Optional.of(name + "=regex:" + regex);
        return Optional.empty(); // a presence match: not compared
    }

    /** The routes of every virtual host in a routes config dump ({@code config_dump?resource=dynamic_route_configs}). */
    public static Map<String, List<Route>> routesIn(JsonNode dump) {
        Map<String, List<Route>> out = new LinkedHashMap<>();
        collectVirtualHosts(dump, out);
        return out;
    }

    private static void collectVirtualHosts(JsonNode node, Map<String, List<Route>> out) {
        if (node.isObject()) {
            JsonNode vhs = node.path("virtual_hosts");
            if (vhs.isArray()) {
                for (JsonNode vh : vhs) {
                    List<Route> routes = new ArrayList<>();
                    for (JsonNode r : vh.path("routes")) routes.add(actualRoute(r));
                    out.putIfAbsent(vh.path("name").asText(""), routes);
                }
            }
            node.properties().forEach(e -> {
                if (!e.getKey().equals("virtual_hosts")) collectVirtualHosts(e.getValue(), out);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectVirtualHosts(n, out));
        }
    }

    private static Route actualRoute(JsonNode r) {
        List<String> destinations = new ArrayList<>();
        JsonNode action = r.path("route");
        if (r.has("redirect")) destinations.add("redirect");
        else if (r.has("direct_response")) destinations.add("direct_response");
        else if (action.has("cluster")) destinations.add(action.path("cluster").asText());
        else if (action.has("weighted_clusters")) {
            for (JsonNode c : action.path("weighted_clusters").path("clusters")) {
                destinations.add(c.path("name").asText() + "=" + c.path("weight").asInt());
            }
        } else destinations.add("?");
        List<String> headers = new ArrayList<>();
        for (JsonNode h : r.path("match").path("headers")) {
            if (h.path("invert_match").asBoolean(false)) continue;
            String name = h.path("name").asText("").toLowerCase(Locale.ROOT);
            if (name.startsWith(":")) continue;
            JsonNode sm = h.path("string_match");
            String exact = sm.has("exact") ? sm.path("exact").asText() : h.path("exact_match").asText(null);
            String prefix = sm.has("prefix") ? sm.path("prefix").asText() : h.path("prefix_match").asText(null);
            String regex = sm.path("safe_regex").has("regex") ? sm.path("safe_regex").path("regex").asText()
                    : h.path("safe_regex_match").path("regex").asText(null);
            headerEntry(name, exact, prefix, regex).ifPresent(headers::add);
        }
        boolean fault = false;
        for (Iterator<String> it = r.path("typed_per_filter_config").fieldNames(); it.hasNext(); ) {
            if (it.next().contains("fault")) fault = true;
        }
        Long timeout = action.has("timeout") ? millis(action.path("timeout").asText("")) : null;
        return new Route(destinations, headers, fault, timeout);
    }

    /** Cluster names in a clusters config dump ({@code config_dump?resource=dynamic_active_clusters}). */
    public static Set<String> clustersIn(JsonNode dump) {
        Set<String> out = new LinkedHashSet<>();
        collectClusters(dump, out);
        return out;
    }

    private static void collectClusters(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            JsonNode c = node.path("cluster");
            if (c.isObject() && c.path("name").isTextual()) out.add(c.path("name").asText());
            node.forEach(child -> collectClusters(child, out));
        } else if (node.isArray()) {
            node.forEach(n -> collectClusters(n, out));
        }
    }

    /** Empty when the sidecar shows everything expected, else what it still lacks. */
    public static Optional<String> pending(Expectation e, Map<String, List<Route>> routes, Set<String> clusters) {
        List<String> missing = new ArrayList<>();
        for (String c : e.clusters()) if (!clusters.contains(c)) missing.add("cluster " + c + " not known yet");
        for (Map.Entry<String, List<Route>> vh : e.virtualHosts().entrySet()) {
            List<Route> actual = routes.get(vh.getKey());
            if (actual == null) {
                missing.add("no route for " + vh.getKey() + " yet");
                continue;
            }
            List<Route> expected = vh.getValue();
            if (!startsWith(actual, expected)) {
                missing.add(vh.getKey() + " still routes [" + String.join("; ", actual.stream().map(Route::describe).toList())
                        + "], expected [" + String.join("; ", expected.stream().map(Route::describe).toList()) + "]");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    /**
     * Whether a sidecar's routes for a virtual host begin with the VirtualService's routes, in order. Routes
     * are matched first to last, so the VirtualService is in effect once its routes lead the list; whatever
     * Istio or another config appends after them cannot change where these requests go, and is not compared.
     */
    static boolean startsWith(List<Route> actual, List<Route> expected) {
        if (actual.size() < expected.size()) return false;
        for (int i = 0; i < expected.size(); i++) {
            if (!actual.get(i).satisfies(expected.get(i))) return false;
        }
        return true;
    }

    /**
     * A host as Istio resolves it from a config in namespace {@code ns} (ResolveShortnameToFQDN): a name
     * without a dot gets the namespace and cluster domain; a name with a dot is taken as written.
     */
    static String fqdn(String host, String ns) {
        if (host.isEmpty() || host.equals("*") || host.contains(".")) return host;
        return host + "." + ns + ".svc.cluster.local";
    }

    static String cluster(int port, String subset, String fqdn) { return "outbound|" + port + "|" + subset + "|" + fqdn; }

    /** "0.500s", "10s", "500ms", "1m" as milliseconds; null when unreadable. */
    static Long millis(String duration) {
        Matcher m = DURATION.matcher(duration.trim());
        if (!m.matches()) return null;
        BigDecimal n = new BigDecimal(m.group(1));
        BigDecimal factor = switch (m.group(2)) {
            case "ms" -> BigDecimal.ONE;
            case "s" -> BigDecimal.valueOf(1000);
            case "m" -> BigDecimal.valueOf(60_000);
            default -> BigDecimal.valueOf(3_600_000);
        };
        return n.multiply(factor).longValue();
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) if (value.equals(n.asText())) return true;
        return false;
    }
}
