package workbench.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sidecar's cluster counters as {@code pilot-agent request GET stats} prints them (Envoy's /stats admin text:
 * one {@code name: value} per line, sorted by name). Names follow Envoy's cluster statistics reference
 * (envoyproxy.io, "Cluster manager » Statistics"): {@code upstream_rq_pending_overflow} counts requests refused
 * by the pending-request or request circuit breakers, {@code upstream_cx_overflow} the times the connection
 * breaker kept a connection from opening, {@code upstream_rq_<code>}/{@code <class>xx}/{@code completed} the
 * responses charged to the cluster (local overflow replies included, as Envoy's router charges them). Istio
 * sets track_remaining, hence the {@code circuit_breakers.default.remaining_*} gauges. The emulator runs one
 * priority, so the {@code high} breakers never open.
 */
public final class EnvoyStats {
    private EnvoyStats() {}

    public static String of(Sidecar sidecar) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(sidecar.clusters()).forEach((name, state) -> lines.addAll(of(name, state)));
        lines.sort(null);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    static List<String> of(String clusterName, ClusterState state) {
        ConnectionPool.Limits limits = state.pool().limits();
        ConnectionPool.Stats s = state.pool().stats();
        Map<String, Long> values = new TreeMap<>();
        values.put("circuit_breakers.default.cx_open", open(s.connectionsActive(), limits.maxConnections()));
        values.put("circuit_breakers.default.rq_open", open(s.requestsActive(), limits.maxRequests()));
        values.put("circuit_breakers.default.rq_pending_open", open(s.pendingActive(), limits.maxPendingRequests()));
        values.put("circuit_breakers.default.remaining_cx", remaining(s.connectionsActive(), limits.maxConnections()));
        values.put("circuit_breakers.default.remaining_pending", remaining(s.pendingActive(), limits.maxPendingRequests()));
        values.put("circuit_breakers.default.remaining_rq", remaining(s.requestsActive(), limits.maxRequests()));
        values.put("circuit_breakers.high.cx_open", 0L);
        values.put("circuit_breakers.high.rq_open", 0L);
        values.put("circuit_breakers.high.rq_pending_open", 0L);
        values.put("upstream_cx_active", s.connectionsActive());
        values.put("upstream_cx_overflow", s.connectionOverflows());
        values.put("upstream_cx_total", s.connectionsOpened());
        values.put("upstream_rq_active", s.requestsActive());
        values.put("upstream_rq_pending_active", s.pendingActive());
        values.put("upstream_rq_pending_failure_eject", 0L);
        values.put("upstream_rq_pending_overflow", s.pendingOverflows() + s.requestOverflows());
        values.put("upstream_rq_pending_total", s.pendingTotal());
        values.put("upstream_rq_total", s.requestsTotal());
        long completed = 0;
        Map<String, Long> classes = new TreeMap<>();
        for (Map.Entry<Integer, Long> code : state.codes().entrySet()) {
            values.put("upstream_rq_" + code.getKey(), code.getValue());
            classes.merge("upstream_rq_" + code.getKey() / 100 + "xx", code.getValue(), Long::sum);
            completed += code.getValue();
        }
        values.putAll(classes);
        values.put("upstream_rq_completed", completed);
        List<String> lines = new ArrayList<>();
        values.forEach((stat, value) -> lines.add("cluster." + clusterName + "." + stat + ": " + value));
        return lines;
    }

    private static long open(long used, long limit) { return used >= limit ? 1 : 0; }

    private static long remaining(long used, long limit) { return Math.max(0, limit - used); }

    /** The value of one stat in stats text ({@code name: value} lines); empty when the name is absent. */
    public static java.util.OptionalLong value(String statsText, String name) {
        for (String line : statsText.split("\n")) {
            int colon = line.lastIndexOf(": ");
            if (colon > 0 && line.substring(0, colon).equals(name)) {
                try {
                    return java.util.OptionalLong.of(Long.parseLong(line.substring(colon + 2).trim()));
                } catch (NumberFormatException e) {
                    return java.util.OptionalLong.empty();
                }
            }
        }
        return java.util.OptionalLong.empty();
    }
}
