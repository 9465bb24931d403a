package workbench.istio;

import java.time.Duration;
import java.util.Optional;
import workbench.manifest.Field;

/**
 * {@code trafficPolicy.loadBalancer}: a simple algorithm or a consistent hash. UNSPECIFIED and the deprecated
 * LEAST_CONN both mean LEAST_REQUEST, Istio's default (cluster_traffic_policy.go defaultLBAlgorithm).
 */
public record LoadBalancerSettings(Simple simple, Optional<ConsistentHash> consistentHash) {

    public enum Simple { UNSPECIFIED, LEAST_CONN, RANDOM, PASSTHROUGH, ROUND_ROBIN, LEAST_REQUEST }

    /** What a request is hashed on; exactly one key is set. {@code cookieTtl} present makes Envoy mint the cookie. */
    public record ConsistentHash(Key key, String name, Optional<Duration> cookieTtl, String cookiePath, long minimumRingSize) {
        public enum Key { HEADER, COOKIE, SOURCE_IP, QUERY_PARAMETER, NONE }

        static ConsistentHash read(Field f) {
            long ring = f.get("ringHash").has("minimumRingSize") ? f.get("ringHash").get("minimumRingSize").integer()
                    : f.optInteger("minimumRingSize").orElse(0L);
            if (f.has("httpHeaderName")) return new ConsistentHash(Key.HEADER, f.text("httpHeaderName"), Optional.empty(), "", ring);
            if (f.has("httpQueryParameterName")) {
                return new ConsistentHash(Key.QUERY_PARAMETER, f.text("httpQueryParameterName"), Optional.empty(), "", ring);
            }
            if (f.has("useSourceIp") && f.get("useSourceIp").bool()) return new ConsistentHash(Key.SOURCE_IP, "", Optional.empty(), "", ring);
            if (f.has("httpCookie")) {
                Field c = f.get("httpCookie");
                return new ConsistentHash(Key.COOKIE, c.text("name"),
                        c.has("ttl") ? Optional.of(Durations.read(c.get("ttl"))) : Optional.empty(),
                        c.optText("path").orElse(""), ring);
            }
            return new ConsistentHash(Key.NONE, "", Optional.empty(), "", ring);
        }
    }

    static LoadBalancerSettings read(Field f) {
        Simple simple = Simple.UNSPECIFIED;
        if (f.has("simple")) {
            String text = f.text("simple");
            try {
                simple = Simple.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw f.get("simple").error("unknown load balancer '" + text + "'; use ROUND_ROBIN, LEAST_REQUEST, RANDOM or PASSTHROUGH");
            }
        }
        return new LoadBalancerSettings(simple,
                f.has("consistentHash") ? Optional.of(ConsistentHash.read(f.get("consistentHash"))) : Optional.empty());
    }
}
