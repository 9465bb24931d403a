package workbench.mesh;

import java.util.Optional;
import workbench.istio.DestinationRule;
import workbench.istio.Subset;
import workbench.istio.TrafficPolicy;

/**
 * The traffic policy a cluster gets (pilot/pkg/networking/util MergeSubsetTrafficPolicy): the rule's policy,
 * or its portLevelSettings entry for the port (which replaces it without inheriting); then each top-level part
 * (loadBalancer, connectionPool, outlierDetection) the subset sets replaces that part whole, with no deep merge.
 * A subset port-level entry replaces all parts, including the ones it leaves out.
 */
public final class PolicyMerge {
    private PolicyMerge() {}

    public static TrafficPolicy effective(Optional<DestinationRule> rule, String subsetName, int port) {
        if (rule.isEmpty()) return TrafficPolicy.NONE;
        TrafficPolicy top = rule.get().trafficPolicy();
        TrafficPolicy original = top.forPort(port).orElse(top.withoutPortLevel());
        Optional<Subset> subset = subsetName.isEmpty() ? Optional.empty() : rule.get().subset(subsetName);
        if (subset.isEmpty()) return original;
        TrafficPolicy subsetPolicy = subset.get().trafficPolicy();
        Optional<TrafficPolicy> subsetPort = subsetPolicy.forPort(port);
        if (subsetPort.isPresent()) return subsetPort.get();
        return new TrafficPolicy(
                subsetPolicy.loadBalancer().isPresent() ? subsetPolicy.loadBalancer() : original.loadBalancer(),
                subsetPolicy.connectionPool().isPresent() ? subsetPolicy.connectionPool() : original.connectionPool(),
                subsetPolicy.outlierDetection().isPresent() ? subsetPolicy.outlierDetection() : original.outlierDetection(),
                java.util.List.of());
    }
}
