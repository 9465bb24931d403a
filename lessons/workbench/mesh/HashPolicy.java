package workbench.mesh;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import workbench.istio.Destination;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.LoadBalancerSettings.ConsistentHash;

/**
 * The route's hash policy and the hash key of one request. Pilot puts a DestinationRule's consistentHash on
 * the route (route.go HashForHTTPDestination: subset port-level, then subset, then port-level, then top-level;
 * hashForService for a service's default route), and Envoy hashes the request with it: a header's value, a
 * cookie (minted with Set-Cookie when absent and a ttl is set), the caller's source IP (here the caller pod's
 * identity, pods having no IPs of their own), or a query parameter. Several policies (one per weighted
 * destination) combine as Envoy's HashPolicyImpl does. No key means the ring-hash balancer picks at random.
 */
public final class HashPolicy {
    private HashPolicy() {}

    /** A request's hash key, and the cookie Envoy would mint for it. */
    public record Key(OptionalLong value, Optional<String> setCookie) {
        public static final Key NONE = new Key(OptionalLong.empty(), Optional.empty());
    }

    public static Optional<ConsistentHash> forDestination(MeshConfig config, Destination d, String vsNamespace) {
        Optional<DestinationRule> rule = config.destinationRuleFor(Hosts.fqdn(d.host(), vsNamespace));
        if (rule.isEmpty()) return Optional.empty();
        var top = rule.get().trafficPolicy();
        Optional<ConsistentHash> hash = top.loadBalancer().flatMap(lb -> lb.consistentHash());
        Optional<ConsistentHash> portHash = d.port().isPresent()
                ? top.forPort(d.port().getAsInt()).flatMap(p -> p.loadBalancer()).flatMap(lb -> lb.consistentHash())
                : Optional.empty();
        Optional<ConsistentHash> subsetHash = Optional.empty();
        Optional<ConsistentHash> subsetPortHash = Optional.empty();
        var subset = rule.get().subset(d.subset());
        if (subset.isPresent()) {
            var sp = subset.get().trafficPolicy();
            subsetHash = sp.loadBalancer().flatMap(lb -> lb.consistentHash());
            if (d.port().isPresent()) {
                subsetPortHash = sp.forPort(d.port().getAsInt()).flatMap(p -> p.loadBalancer()).flatMap(lb -> lb.consistentHash());
            }
        }
        if (subsetPortHash.isPresent()) return subsetPortHash;
        if (subsetHash.isPresent()) return subsetHash;
        if (portHash.isPresent()) return portHash;
        return hash;
    }

    public static Optional<ConsistentHash> forService(MeshConfig config, KubeService service) {
        Optional<DestinationRule> rule = config.destinationRuleFor(service.fqdn());
        if (rule.isEmpty()) return Optional.empty();
        var top = rule.get().trafficPolicy();
        Optional<ConsistentHash> port = top.forPort(service.port()).flatMap(p -> p.loadBalancer()).flatMap(lb -> lb.consistentHash());
        return port.isPresent() ? port : top.loadBalancer().flatMap(lb -> lb.consistentHash());
    }

    public static Key key(List<ConsistentHash> policies, MeshRequest request, Pod caller) {
        Long hash = null;
        String setCookie = null;
        for (ConsistentHash policy : policies) {
            Long next = null;
            switch (policy.key()) {
                case HEADER -> {
                    String v = request.header(policy.name());
                    if (v != null) next = Hashing.hash64(v);
                }
                case QUERY_PARAMETER -> {
                    String v = request.queryParam(policy.name());
                    if (v != null) next = Hashing.hash64(v);
                }
                case SOURCE_IP -> {
                    if (caller != null) next = Hashing.hash64(caller.namespace() + "/" + caller.name());
                }
                case COOKIE -> {
                    String v = cookie(request.header("cookie"), policy.name());
                    if (v == null && policy.cookieTtl().isPresent() && caller != null) {
                        v = Long.toHexString(Hashing.hash64(caller.namespace() + "/" + caller.name()));
                        setCookie = setCookie(policy, v);
                    }
                    if (v != null) next = Hashing.hash64(v);
                }
                case NONE -> { }
            }
            if (next != null) {
                long old = hash == null ? 0 : Long.rotateLeft(hash, 1);
                hash = old ^ next;
            }
        }
        return new Key(hash == null ? OptionalLong.empty() : OptionalLong.of(hash), Optional.ofNullable(setCookie));
    }

    /** Envoy's makeSetCookieValue: {@code name="value"; Max-Age=N; Path=p; HttpOnly}. */
    private static String setCookie(ConsistentHash policy, String value) {
        StringBuilder s = new StringBuilder(policy.name()).append("=\"").append(value).append('"');
        long seconds = policy.cookieTtl().get().toSeconds();
        if (seconds != 0) s.append("; Max-Age=").append(seconds);
        if (!policy.cookiePath().isEmpty()) s.append("; Path=").append(policy.cookiePath());
        return s.append("; HttpOnly").toString();
    }

    static String cookie(String header, String name) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq <= 0 || !p.substring(0, eq).equals(name)) continue;
            String v = p.substring(eq + 1);
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            return v;
        }
        return null;
    }
}
