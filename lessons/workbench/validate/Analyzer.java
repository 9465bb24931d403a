package workbench.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.manifest.Document;

/**
 * The istioctl analyze checks that look across resources (pkg/config/analysis/analyzers, Istio 1.28), run over the
 * documents given as the cluster's state. A later document with the same kind, namespace and name replaces an
 * earlier one, as kubectl apply would. Findings are WARNINGs here (the objects are accepted) and carry the IST code.
 *
 * <ul>
 *   <li>IST0101 a destination or mirror names a host+subset no DestinationRule defines; a host no Service has
 *       (only checked when the documents include Services); a port the Service does not expose.</li>
 *   <li>IST0112 a destination without a port for a Service with several ports.</li>
 *   <li>IST0109 two VirtualServices bound to the mesh define the same host.</li>
 *   <li>IST0130 / IST0131 rules or matches that can never be used.</li>
 *   <li>IST0174 a DestinationRule host that matches no Service, and IST0173 a subset whose labels select no pod
 *       of any Deployment (each only when the documents include Services, respectively Deployments).</li>
 * </ul>
 * Pods are approximated by the pod templates of Deployments with at least one replica.
 */
public final class Analyzer {
    private static final Pattern FQDN = Pattern.compile("^(.+)\\.(.+)\\.svc\\.cluster\\.local$");
    private static final String CLUSTER_DOMAIN = "svc.cluster.local";

    private record ServiceInfo(String name, String namespace, List<Long> ports) {}

    private final String defaultNamespace;
    private final List<Document> virtualServices = new ArrayList<>();
    private final List<Document> destinationRules = new ArrayList<>();
    private final List<Document> namespaces = new ArrayList<>();
    private final Map<String, ServiceInfo> services = new LinkedHashMap<>();
    private final List<Map<String, String>> podLabels = new ArrayList<>();
    private boolean sawServices;
    private boolean sawDeployments;
    private final List<Finding> out = new ArrayList<>();

    private Analyzer(List<Document> all, String defaultNamespace) {
        this.defaultNamespace = defaultNamespace;
        Map<String, Document> latest = new LinkedHashMap<>();
        for (Document d : all) {
            String key = d.kind() + "/" + d.namespaceOr(defaultNamespace) + "/" + d.name();
            latest.remove(key);
            latest.put(key, d);
        }
        for (Document d : latest.values()) {
            Node root = Node.root(d);
            switch (d.kind()) {
                case "VirtualService" -> virtualServices.add(d);
                case "DestinationRule" -> destinationRules.add(d);
                case "Namespace" -> namespaces.add(d);
                case "Service" -> {
                    sawServices = true;
                    List<Long> ports = root.get("spec").get("ports").items().stream().map(p -> p.get("port").integer()).toList();
                    String ns = d.namespaceOr(defaultNamespace);
                    services.put(d.name() + "." + ns + "." + CLUSTER_DOMAIN, new ServiceInfo(d.name(), ns, ports));
                }
                case "Deployment" -> {
                    sawDeployments = true;
                    Node replicas = root.get("spec").get("replicas");
                    if (replicas.present() && replicas.integer() == 0) break;
                    Map<String, String> labels = new LinkedHashMap<>();
                    root.get("spec").get("template").get("metadata").get("labels").entries()
                            .forEach((k, v) -> labels.put(k, v.text()));
                    podLabels.add(labels);
                }
                default -> { }
            }
        }
    }

    static List<Finding> analyze(List<Document> all, String defaultNamespace) {
        Analyzer a = new Analyzer(all, defaultNamespace);
        a.run();
        return a.out;
    }

    private void run() {
        Set<String> hostSubsets = new LinkedHashSet<>();
        for (Document dr : destinationRules) {
            String ns = dr.namespaceOr(defaultNamespace);
            Node spec = Node.root(dr).get("spec");
            String host = resourceName(ns, spec.get("host").text());
            for (Node s : spec.get("subsets").items()) hostSubsets.add(host + "|" + s.get("name").text());
        }
        for (Document vs : virtualServices) virtualService(vs, hostSubsets);
        conflictingHosts();
        for (Document dr : destinationRules) destinationRule(dr);
        for (Document ns : namespaces) injection(ns);
    }

    /** InjectionAnalyzer (IST0102): a namespace that says nothing about sidecar injection. */
    private void injection(Document namespace) {
        Map<String, Node> labels = Node.root(namespace).get("metadata").get("labels").entries();
        if (labels.containsKey("istio-injection") || labels.containsKey("istio.io/rev")) return;
        report(namespace, "IST0102", "metadata.labels", namespaceNotInjected(namespace.name()));
    }

    /** IST0102's wording (istio.io/latest/docs/reference/config/analysis/ist0102). */
    public static String namespaceNotInjected(String namespace) {
        return "The namespace is not enabled for Istio injection. Run 'kubectl label namespace " + namespace
                + " istio-injection=enabled' to enable it, or 'kubectl label namespace " + namespace
                + " istio-injection=disabled' to explicitly mark it as not needing injection.";
    }

    private void report(Document doc, String code, String path, String message) {
        out.add(new Finding(Severity.WARNING, Stage.ANALYZER, code, doc, path, message));
    }

    /** A destination of a VirtualService, as getRouteDestinations / getHTTPMirrorDestinations list them. */
    private record Dest(Node destination, boolean mirror) {}

    private void virtualService(Document vs, Set<String> hostSubsets) {
        String ns = vs.namespaceOr(defaultNamespace);
        Node spec = Node.root(vs).get("spec");
        List<Dest> dests = new ArrayList<>();
        for (String kind : List.of("tcp", "tls", "http")) {
            for (Node r : spec.get(kind).items()) for (Node rd : r.get("route").items()) dests.add(new Dest(rd.get("destination"), false));
        }
        for (Node r : spec.get("http").items()) {
            if (r.has("mirror")) dests.add(new Dest(r.get("mirror"), true));
            for (Node m : r.get("mirrors").items()) dests.add(new Dest(m.get("destination"), true));
        }

        // DestinationRuleAnalyzer: host+subset pairs.
        for (Dest d : dests) {
            String subset = d.destination().get("subset").text();
            if (subset.isEmpty()) continue;
            String host = d.destination().get("host").text();
            if (!hostSubsets.contains(resourceName(ns, host) + "|" + subset)) {
                report(vs, "IST0101", d.destination().get("subset").path(), "Referenced " + (d.mirror() ? "mirror" : "host")
                        + "+subset in destinationrule not found: " + GoText.quote(host + "+" + subset));
            }
        }

        // DestinationHostAnalyzer: hosts and ports against the Services.
        if (sawServices) {
            for (Dest d : dests) {
                String host = d.destination().get("host").text();
                ServiceInfo svc = services.get(fqdn(ns, host));
                if (svc == null) {
                    report(vs, "IST0101", d.destination().get("host").path(),
                            "Referenced " + (d.mirror() ? "mirror host" : "host") + " not found: " + GoText.quote(host));
                    continue;
                }
                Node port = d.destination().get("port");
                if (!port.present()) {
                    if (svc.ports().size() > 1) {
                        report(vs, "IST0112", d.destination().path(), "This VirtualService routes to a service " + GoText.quote(host)
                                + " that exposes multiple ports " + GoText.list(svc.ports().stream().map(String::valueOf).toList())
                                + ". Specifying a port in the destination is required to disambiguate.");
                    }
                } else if (!svc.ports().contains(port.get("number").integer())) {
                    report(vs, "IST0101", port.get("number").path(), "Referenced host:port not found: "
                            + GoText.quote(host + ":" + port.get("number").integer()));
                }
            }
        }

        Reachability.Result r = Reachability.analyze(spec);
        for (Reachability.Unused u : r.unused()) {
            report(vs, "IST0130", u.path(), "VirtualService rule " + u.rule() + " not used (" + u.reason() + ").");
        }
        for (Reachability.Ineffective i : r.ineffective()) {
            report(vs, "IST0131", i.path(), "VirtualService rule " + i.rule() + " match " + i.match()
                    + " is not used (duplicate/overlapping match in rule " + i.earlier() + ").");
        }
    }

    /** ConflictingMeshGatewayHostsAnalyzer (IST0109). */
    private void conflictingHosts() {
        record Bound(Document vs, String path) {}
        Map<String, List<Bound>> byScopedHost = new LinkedHashMap<>();
        for (Document vs : virtualServices) {
            Node spec = Node.root(vs).get("spec");
            List<String> gateways = spec.get("gateways").items().stream().map(Node::text).toList();
            if (!gateways.isEmpty() && !gateways.contains("mesh")) continue;
            String ns = vs.namespaceOr(defaultNamespace);
            List<String> exportTo = spec.get("exportTo").items().stream().map(Node::text).toList();
            Set<String> scopes = new LinkedHashSet<>();
            if (exportTo.isEmpty() || exportTo.contains("*")) scopes.add("*");
            else for (String e : exportTo) scopes.add(e.equals(".") ? ns : e);
            for (String scope : scopes) {
                for (Node h : spec.get("hosts").items()) {
                    byScopedHost.computeIfAbsent(scope + "/" + fqdn(ns, h.text()), k -> new ArrayList<>()).add(new Bound(vs, h.path()));
                }
            }
        }
        Set<Document> reported = new LinkedHashSet<>();
        byScopedHost.forEach((scoped, list) -> {
            List<Bound> all = new ArrayList<>(list);
            String scope = scoped.substring(0, scoped.indexOf('/'));
            String host = scoped.substring(scoped.indexOf('/') + 1);
            if (!scope.equals("*")) {
                byScopedHost.forEach((other, bound) -> {
                    String otherScope = other.substring(0, other.indexOf('/'));
                    if (otherScope.equals("*") && Names.hostsOverlap(host, other.substring(other.indexOf('/') + 1))) all.addAll(bound);
                });
            }
            if (all.size() <= 1) return;
            List<String> sorted = new ArrayList<>();
            for (Bound b : all) sorted.add(b.vs().namespaceOr(defaultNamespace) + "/" + b.vs().name());
            sorted.sort(null);
            for (Bound b : all) {
                if (!reported.add(b.vs())) continue;
                report(b.vs(), "IST0109", b.path(), "The VirtualServices " + String.join(",", sorted)
                        + " associated with mesh gateway define the same host " + scoped
                        + " which can lead to undefined behavior. This can be fixed by merging the conflicting "
                        + "VirtualServices into a single resource.");
            }
        });
    }

    /** PodNotSelectedAnalyzer: IST0174 for an unknown host, IST0173 for a subset that selects no pod. */
    private void destinationRule(Document dr) {
        if (!sawServices) return;
        String ns = dr.namespaceOr(defaultNamespace);
        Node spec = Node.root(dr).get("spec");
        String host = spec.get("host").text();
        if (services.get(fqdn(ns, host)) == null) {
            report(dr, "IST0174", spec.get("host").path(),
                    "The host " + host + " defined in the DestinationRule does not match any services in the mesh.");
            return;
        }
        if (!sawDeployments) return;
        for (Node subset : spec.get("subsets").items()) {
            Map<String, String> selector = new LinkedHashMap<>();
            subset.get("labels").entries().forEach((k, v) -> selector.put(k, v.text()));
            boolean matched = podLabels.stream().anyMatch(pod -> selector.entrySet().stream()
                    .allMatch(e -> e.getValue().equals(pod.get(e.getKey()))));
            if (!matched) {
                report(dr, "IST0173", subset.get("name").path(), "The Subset " + subset.get("name").text()
                        + " defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream).");
            }
        }
    }

    /** util.GetResourceNameFromHost: "name.ns.svc.cluster.local" names ns/name, anything else name in the given ns. */
    static String resourceName(String namespace, String host) {
        Matcher m = FQDN.matcher(host);
        if (m.matches()) return m.group(2) + "/" + m.group(1);
        return namespace + "/" + host;
    }

    /** util.ConvertHostToFQDN: a short name gets the namespace's cluster domain; dotted and wildcard names stay. */
    static String fqdn(String namespace, String host) {
        if (!host.startsWith("*") && !host.contains(".")) return host + "." + namespace + "." + CLUSTER_DOMAIN;
        return host;
    }
}
