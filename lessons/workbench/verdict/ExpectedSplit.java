package workbench.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.istio.DestinationRule;
import workbench.istio.HttpRoute;
import workbench.istio.RouteDestination;
import workbench.istio.Subset;
import workbench.istio.VirtualService;
import workbench.mesh.MeshRequest;

/**
 * The share of responses each version should get, read from the VirtualService that was applied
 * (never written into a lesson), so a reader who edits the weights gets a verdict for the new ones.
 */
public record ExpectedSplit(Map<String, Double> shares, String source) {

    /**
     * The split for a plain request to {@code host}: the first HTTP rule that matches it, its destinations'
     * weights made relative, each subset named by its {@code version} label (or its own name when no
     * DestinationRule defines it, so the expectation still says what the VirtualService asked for).
     */
    public static ExpectedSplit of(VirtualService vs, Optional<DestinationRule> dr, MeshRequest plainRequest) {
        HttpRoute rule = vs.http().stream().filter(r -> r.matches(plainRequest)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(vs.document().describe()
                        + ": no http rule matches " + plainRequest.path() + ", so no split can be expected"));
        List<RouteDestination> route = rule.route();
        long total = route.stream().mapToLong(d -> d.effectiveWeight(route.size())).sum();
        Map<String, Double> shares = new LinkedHashMap<>();
        for (RouteDestination d : route) {
            String version = dr.flatMap(r -> r.subset(d.destination().subset()))
                    .map(Subset::labels).map(l -> l.getOrDefault("version", d.destination().subset()))
                    .orElse(d.destination().subset());
            double share = total == 0 ? 0 : (double) d.effectiveWeight(route.size()) / total;
            shares.merge(version, share, Double::sum);
        }
        return new ExpectedSplit(shares, vs.document().file().getFileName() + " " + rule.path());
    }

    public double share(String category) { return shares.getOrDefault(category, 0.0); }
}
