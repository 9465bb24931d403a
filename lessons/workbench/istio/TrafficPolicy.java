package workbench.istio;

import java.util.List;
import java.util.Optional;
import workbench.manifest.Field;

/**
 * A DestinationRule's (or subset's, or port's) {@code trafficPolicy}: the three parts the mesh emulates, plus
 * per-port overrides. Each part is absent unless written, because the merge rules replace whole parts.
 */
public record TrafficPolicy(Optional<LoadBalancerSettings> loadBalancer, Optional<ConnectionPoolSettings> connectionPool,
                            Optional<OutlierDetection> outlierDetection, List<PortTrafficPolicy> portLevelSettings) {

    /** {@code portLevelSettings[]}: a port number and its own parts (which never inherit from the outer policy). */
    public record PortTrafficPolicy(int port, TrafficPolicy policy) {}

    public static final TrafficPolicy NONE = new TrafficPolicy(Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    static TrafficPolicy read(Field f) {
        if (!f.isPresent()) return NONE;
        return new TrafficPolicy(
                f.has("loadBalancer") ? Optional.of(LoadBalancerSettings.read(f.get("loadBalancer"))) : Optional.empty(),
                f.has("connectionPool") ? Optional.of(ConnectionPoolSettings.read(f.get("connectionPool"))) : Optional.empty(),
                f.has("outlierDetection") ? Optional.of(OutlierDetection.read(f.get("outlierDetection"))) : Optional.empty(),
                f.list("portLevelSettings", p -> new PortTrafficPolicy(
                        (int) p.required("port").required("number").integer(), read(p).withoutPortLevel())));
    }

    public TrafficPolicy withoutPortLevel() {
        return new TrafficPolicy(loadBalancer, connectionPool, outlierDetection, List.of());
    }

    public Optional<TrafficPolicy> forPort(int port) {
        return portLevelSettings.stream().filter(p -> p.port() == port).map(PortTrafficPolicy::policy).findFirst();
    }
}
