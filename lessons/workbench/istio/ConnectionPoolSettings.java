package workbench.istio;

import java.time.Duration;
import java.util.Optional;
import workbench.manifest.Field;

/**
 * {@code trafficPolicy.connectionPool}. A 0 (or absent) limit keeps Envoy's default of 2^32-1, as pilot only
 * copies values {@code > 0} (cluster_traffic_policy.go applyConnectionPool); maxRequestsPerConnection 0 is unlimited.
 */
public record ConnectionPoolSettings(int maxConnections, Optional<Duration> connectTimeout, int http1MaxPendingRequests,
                                     int http2MaxRequests, int maxRequestsPerConnection, int maxRetries) {

    static ConnectionPoolSettings read(Field f) {
        Field tcp = f.get("tcp");
        Field http = f.get("http");
        return new ConnectionPoolSettings(
                (int) tcp.optInteger("maxConnections").orElse(0L).longValue(),
                tcp.has("connectTimeout") ? Optional.of(Durations.read(tcp.get("connectTimeout"))) : Optional.empty(),
                (int) http.optInteger("http1MaxPendingRequests").orElse(0L).longValue(),
                (int) http.optInteger("http2MaxRequests").orElse(0L).longValue(),
                (int) http.optInteger("maxRequestsPerConnection").orElse(0L).longValue(),
                (int) http.optInteger("maxRetries").orElse(0L).longValue());
    }
}
