package workbench.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import workbench.istio.HttpRoute;
import workbench.istio.RouteDestination;
import workbench.mesh.Cluster;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshSnapshot;
import workbench.mesh.Pod;
import workbench.mesh.RouteSelection;
import workbench.mesh.Router;

/**
 * Which versions should answer a request, and in what shares, derived from the configuration in force by the
 * routing decision the caller's sidecar makes ({@link Router#select}, {@link Router#cluster}): never a second
 * copy of the rules. Each weighted destination becomes a {@link Part} with the pods its cluster holds.
 * <p>The split is <em>exact</em> when every destination that can answer selects pods of one version: the
 * weights then fix each version's share. A destination whose pods span versions (no subset, or a subset whose
 * labels select several) is balanced by Envoy's default LEAST_REQUEST, which depends on load, so no exact
 * share is claimed for it.
 */
public record ExpectedSplit(String source, List<Part> parts, String reason) {

    /** One weighted destination: its weight, the pods its cluster holds by version, and why it cannot answer ("" if it can). */
    public record Part(String destination, long weight, Map<String, Integer> podsByVersion, String failure) {
        public boolean answers() { return failure.isEmpty(); }

        public int pods() { return podsByVersion.values().stream().mapToInt(Integer::intValue).sum(); }
    }

    /**
     * The expectation for {@code request} sent by {@code caller}, in {@code snapshot}. Versions are the pods'
     * {@code version} labels.
     */
    public static ExpectedSplit derive(MeshSnapshot snapshot, Pod caller, MeshRequest request) {
        RouteSelection selection = Router.select(snapshot.config(), snapshot.registry(), caller, request);
        if (selection instanceof RouteSelection.Unresolved u) {
            return new ExpectedSplit("DNS", List.of(), "no Service answers to " + u.host());
        }
        if (selection instanceof RouteSelection.NoRoute n) {
            return new ExpectedSplit(n.virtualService().document().file().getFileName().toString(), List.of(),
                    "no rule of VirtualService " + n.virtualService().name() + " matches: Envoy answers 404 (NR)");
        }
        if (selection instanceof RouteSelection.DefaultRoute d) {
            Cluster cluster = Router.defaultCluster(snapshot.config(), snapshot.registry(), d.service());
            return new ExpectedSplit("default route of " + d.service().fqdn(), List.of(part(d.service().name(), 1, Optional.of(cluster))), "");
        }
        RouteSelection.Rule selected = (RouteSelection.Rule) selection;
        HttpRoute rule = selected.rule();
        if (rule.redirect().isPresent()) return new ExpectedSplit(selected.source(), List.of(), "the rule answers with a redirect");
        if (rule.directResponse().isPresent()) return new ExpectedSplit(selected.source(), List.of(), "the rule answers directly");
        if (rule.route().isEmpty()) return new ExpectedSplit(selected.source(), List.of(), "the rule has no route");
        List<Part> parts = new ArrayList<>();
        int n = rule.route().size();
        for (RouteDestination d : rule.route()) {
            long weight = d.effectiveWeight(n);
            if (weight <= 0) continue;
            Optional<Cluster> cluster = Router.cluster(snapshot.config(), snapshot.registry(), d.destination(),
                    selected.virtualService().namespace());
            parts.add(part(d.destination().toString(), weight, cluster));
        }
        String abort = rule.fault().flatMap(f -> f.abort()).map(a -> "a fault aborts some requests").orElse("");
        return new ExpectedSplit(selected.source(), parts, abort);
    }

    private static Part part(String destination, long weight, Optional<Cluster> cluster) {
        if (cluster.isEmpty()) return new Part(destination, weight, Map.of(), "istiod builds no cluster for it: Envoy answers 503 (NC)");
        Map<String, Integer> byVersion = new TreeMap<>();
        for (Pod p : cluster.get().endpoints()) byVersion.merge(p.version(), 1, Integer::sum);
        String failure = byVersion.isEmpty() ? "its cluster has no endpoints: Envoy answers 503 no healthy upstream (UH)" : "";
        return new Part(destination, weight, byVersion, failure);
    }

    /** An exact expectation written out, for tests and for what a lesson states outright. */
    public static ExpectedSplit exactly(Map<String, Double> shares, String source) {
        List<Part> parts = new ArrayList<>();
        shares.forEach((version, share) -> parts.add(new Part("subset " + version, Math.round(share * 1_000_000), Map.of(version, 1), "")));
        return new ExpectedSplit(source, parts, "");
    }

    private List<Part> answering() { return parts.stream().filter(Part::answers).toList(); }

    private long answeringWeight() { return answering().stream().mapToLong(Part::weight).sum(); }

    /** Whether every destination that can answer selects one version, so the weights fix the shares. */
    public boolean exact() {
        return !answering().isEmpty() && answering().stream().allMatch(p -> p.podsByVersion().size() == 1);
    }

    /**
     * Each version's share of the pages that show a version: the destinations' weights over the weight of the
     * destinations that can answer (a request drawn to one that cannot fails, and productpage's retry draws again).
     * Only meaningful when {@link #exact()}.
     */
    public Map<String, Double> shares() {
        Map<String, Double> out = new TreeMap<>();
        long total = answeringWeight();
        for (Part p : answering()) {
            for (String v : p.podsByVersion().keySet()) out.merge(v, (double) p.weight() / total / p.podsByVersion().size(), Double::sum);
        }
        return out;
    }

    public double share(String version) { return shares().getOrDefault(version, 0.0); }

    /** The versions that may answer at all. */
    public Set<String> versions() {
        Set<String> out = new TreeSet<>();
        answering().forEach(p -> out.addAll(p.podsByVersion().keySet()));
        return out;
    }

    /**
     * The chance that one page shows {@code version} if each destination picked its pods uniformly: LEAST_REQUEST
     * does so when the pods are equally busy. Used only to decide when a version's absence is telling.
     */
    public double uniformShare(String version) {
        long total = answeringWeight();
        double share = 0;
        for (Part p : answering()) share += (double) p.weight() / total * p.podsByVersion().getOrDefault(version, 0) / p.pods();
        return share;
    }

    /** The share of draws that go to a destination that cannot answer. */
    public double failingShare() {
        long total = parts.stream().mapToLong(Part::weight).sum();
        return total == 0 ? 0 : (double) parts.stream().filter(p -> !p.answers()).mapToLong(Part::weight).sum() / total;
    }

    /** Why some or all requests are expected to fail ("" when none are): no versions, failing destinations, faults. */
    public List<String> failures() {
        List<String> out = new ArrayList<>();
        if (!reason.isEmpty()) out.add(reason);
        for (Part p : parts) if (!p.answers()) out.add(p.destination() + ": " + p.failure());
        return out;
    }

    /** Per destination: "weight 80 (80.0%) → pods v1 ×1", with why it cannot answer when it cannot. */
    public Map<String, String> describeParts() {
        long total = parts.stream().mapToLong(Part::weight).sum();
        Map<String, String> out = new LinkedHashMap<>();
        for (Part p : parts) {
            String pods = p.podsByVersion().isEmpty() ? "no pods" : p.podsByVersion().entrySet().stream()
                    .map(e -> (e.getKey().isEmpty() ? "(no version)" : e.getKey()) + " ×" + e.getValue())
                    .collect(java.util.stream.Collectors.joining(", ", "pods ", ""));
            out.put(p.destination(), String.format(java.util.Locale.ROOT, "weight %d (%.1f%%) → %s%s", p.weight(),
                    100.0 * p.weight() / total, pods, p.answers() ? "" : " (" + p.failure() + ")"));
        }
        return out;
    }
}
