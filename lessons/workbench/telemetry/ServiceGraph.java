package workbench.telemetry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service graph built from Istio's request metrics the way Kiali builds its versioned-app graph: a node per
 * workload version; an edge per (caller, callee) pair from {@code istio_requests_total} as the caller's sidecar
 * reported it ({@code reporter="source"}, so requests Envoy answered itself, such as injected aborts, are counted),
 * plus {@code reporter="destination"} series whose caller is {@code unknown} (a caller outside the mesh).
 * A request whose destination workload is {@code unknown} ends at a terminal node for the service it was sent to,
 * as Kiali draws it (kiali.io, FAQ "Graph"). Each edge carries its request count and rate, its success rate
 * (responses that are not 5xx; code 0, no response, counts as a failure) and its P99 from the duration histogram.
 */
public record ServiceGraph(List<Node> nodes, List<Edge> edges, double windowSeconds) {

    /** A workload version, or (service = true) the service a request went to when no workload answered. */
    public record Node(String name, String app, String version, boolean service) {
        /** "reviews v2"; a workload without a version label is its app alone, a service node says so. */
        public String label() {
            if (service) return app + " (service)";
            return version.isEmpty() || version.equals(Peer.UNKNOWN_VALUE) ? app : app + " " + version;
        }
    }

    /** Kiali's edge health by error rate: degraded from 0.1%, failure from 20% (kiali-ui, REQUESTS_THRESHOLDS). */
    public enum Health { HEALTHY, DEGRADED, FAILURE }

    public record Edge(Node from, Node to, long requests, long failures, double p99Ms, double windowSeconds) {
        public double successPercent() { return requests == 0 ? 100 : 100.0 * (requests - failures) / requests; }

        public double ratePerSecond() { return windowSeconds <= 0 ? 0 : requests / windowSeconds; }

        public Health health() {
            double errorPercent = requests == 0 ? 0 : 100.0 * failures / requests;
            return errorPercent >= 20 ? Health.FAILURE : errorPercent >= 0.1 ? Health.DEGRADED : Health.HEALTHY;
        }
    }

    /**
     * The graph of the samples taken over {@code windowSeconds}: {@code istio_requests_total} and
     * {@code istio_request_duration_milliseconds_bucket} series, each already the increase over the window
     * (a scrape's {@link Scrape#since} or a Prometheus {@code increase(...)} query).
     */
    public static ServiceGraph of(List<Sample> samples, double windowSeconds) {
        Map<List<Node>, long[]> counts = new LinkedHashMap<>();
        Map<List<Node>, Map<Double, Double>> buckets = new HashMap<>();
        for (Sample s : samples) {
            boolean requests = s.name().equals(IstioMetrics.REQUESTS);
            boolean bucket = s.name().equals(IstioMetrics.DURATION + "_bucket");
            if ((!requests && !bucket) || !counted(s)) continue;
            List<Node> key = List.of(source(s), destination(s));
            if (requests) {
                long[] c = counts.computeIfAbsent(key, k -> new long[2]);
                long n = Math.round(s.value());
                c[0] += n;
                if (failed(s.label("response_code"))) c[1] += n;
            } else {
                String le = s.label("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                buckets.computeIfAbsent(key, k -> new HashMap<>()).merge(bound, s.value(), Double::sum);
            }
        }
        Set<Node> nodes = new LinkedHashSet<>();
        List<Edge> edges = new ArrayList<>();
        counts.forEach((key, c) -> {
            if (c[0] == 0) return;
            nodes.addAll(key);
            double p99 = Histogram.of(buckets.getOrDefault(key, Map.of())).quantile(0.99);
            edges.add(new Edge(key.get(0), key.get(1), c[0], c[1], p99, windowSeconds));
        });
        edges.sort(Comparator.comparing((Edge e) -> e.from().name()).thenComparing(e -> e.to().name()));
        return new ServiceGraph(List.copyOf(nodes), List.copyOf(edges), windowSeconds);
    }

    /** The edge from one node to another by their names ("productpage-v1", "ratings" for a service node). */
    public java.util.Optional<Edge> edge(String from, String to) {
        return edges.stream().filter(e -> e.from().name().equals(from) && e.to().name().equals(to)).findFirst();
    }

    public List<Edge> edgesFrom(String from) { return edges.stream().filter(e -> e.from().name().equals(from)).toList(); }

    private static boolean counted(Sample s) {
        String reporter = s.label("reporter");
        return reporter.equals(Reporter.SOURCE.label())
                || (reporter.equals(Reporter.DESTINATION.label()) && s.label("source_workload").equals(Peer.UNKNOWN_VALUE));
    }

    private static Node source(Sample s) {
        return new Node(s.label("source_workload"), s.label("source_app"), s.label("source_version"), false);
    }

    private static Node destination(Sample s) {
        if (s.label("destination_workload").equals(Peer.UNKNOWN_VALUE)) {
            String service = s.label("destination_service_name");
            return new Node(service, service, "", true);
        }
        return new Node(s.label("destination_workload"), s.label("destination_app"), s.label("destination_version"), false);
    }

    /** Kiali's success rate counts every non-5xx response; a request with no response (code 0) failed. */
    private static boolean failed(String code) {
        return code.equals("0") || code.startsWith("5");
    }
}
