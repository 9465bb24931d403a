package workbench.validate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import workbench.manifest.Document;

/**
 * istiod's ValidateDestinationRule (pkg/config/validation/validation.go, Istio 1.28) for an object that already
 * passed the CRD schema: host, traffic policy (outlier detection, connection pool, load balancer, port-level
 * settings), subsets, exportTo. As in Istio, warnings from a subset's traffic policy are lost (validateSubset keeps
 * errors only). Not checked: client TLS settings, locality load balancing, tunnel settings, workload selector.
 */
final class DestinationRuleRules {

    private final Webhook w;

    private DestinationRuleRules(Webhook w) { this.w = w; }

    static List<Finding> check(Document doc, String defaultNamespace) {
        Webhook w = new Webhook(doc, doc.namespaceOr(defaultNamespace));
        new DestinationRuleRules(w).destinationRule(Node.root(doc).get("spec"));
        return w.findings();
    }

    private void destinationRule(Node spec) {
        Node host = spec.get("host");
        w.error(host.path(), Names.wildcardDomain(host.text()));
        trafficPolicy(spec.get("trafficPolicy"), true);

        Set<String> names = new HashSet<>();
        for (Node subset : spec.get("subsets").items()) {
            if (!subset.present()) {
                w.error(subset.path(), "subset may not be null");
                continue;
            }
            Node name = subset.get("name");
            if (!names.add(name.text())) w.error(name.path(), "duplicate subset names: " + name.text());
            w.error(name.path(), Webhook.subsetName(name.text()));
            w.labels(subset.get("labels"));
            trafficPolicy(subset.get("trafficPolicy"), false);
        }
        w.exportTo(spec.get("exportTo"), spec.has("workloadSelector"));
    }

    /** validateTrafficPolicy; {@code keepWarnings} is false where Istio merges the result as errors only. */
    private void trafficPolicy(Node tp, boolean keepWarnings) {
        if (!tp.present()) return;
        boolean any = tp.has("outlierDetection") || tp.has("connectionPool") || tp.has("loadBalancer") || tp.has("tls")
                || tp.get("portLevelSettings").nonEmpty() || tp.has("tunnel") || tp.has("proxyProtocol") || tp.has("retryBudget");
        if (!any) {
            w.error(tp.path(), "traffic policy must have at least one field");
            return;
        }
        if (tp.has("tunnel") && tp.has("proxyProtocol")) {
            w.error(tp.path(), "tunnel and proxyProtocol must not be set together");
            return;
        }
        outlierDetection(tp.get("outlierDetection"), keepWarnings);
        connectionPool(tp.get("connectionPool"));
        loadBalancer(tp.get("loadBalancer"), keepWarnings);
        for (Node pls : tp.get("portLevelSettings").items()) {
            if (!pls.present()) {
                w.error(pls.path(), "traffic policy may not be null");
                continue;
            }
            if (!pls.has("port")) w.error(pls.path(), "portTrafficPolicy must have valid port");
            if (!pls.has("outlierDetection") && !pls.has("connectionPool") && !pls.has("loadBalancer") && !pls.has("tls")) {
                w.error(pls.path(), "port traffic policy must have at least one field");
            } else {
                outlierDetection(pls.get("outlierDetection"), false);
                connectionPool(pls.get("connectionPool"));
                loadBalancer(pls.get("loadBalancer"), false);
            }
        }
    }

    /** validateOutlierDetection. */
    private void outlierDetection(Node od, boolean keepWarnings) {
        if (!od.present()) return;
        w.duration(od.get("baseEjectionTime"));
        if (od.get("consecutiveErrors").integer() != 0 && keepWarnings) {
            w.warning(od.get("consecutiveErrors").path(), "outlier detection consecutive errors is deprecated, "
                    + "use consecutiveGatewayErrors or consecutive5xxErrors instead");
        }
        if (!od.get("splitExternalLocalOriginErrors").bool() && od.get("consecutiveLocalOriginFailures").integer() > 0) {
            w.error(od.get("consecutiveLocalOriginFailures").path(), "outlier detection consecutive local origin failures is "
                    + "specified, but split external local origin errors is set to false");
        }
        w.duration(od.get("interval"));
        w.percent(od.get("maxEjectionPercent"));
        w.percent(od.get("minHealthPercent"));
    }

    /** validateConnectionPool. */
    private void connectionPool(Node cp) {
        if (!cp.present()) return;
        Node http = cp.get("http");
        Node tcp = cp.get("tcp");
        if (!http.present() && !tcp.present()) {
            w.error(cp.path(), "connection pool must have at least one field");
            return;
        }
        if (http.present()) {
            negative(http.get("http1MaxPendingRequests"), "http1 max pending requests must be non-negative");
            negative(http.get("http2MaxRequests"), "http2 max requests must be non-negative");
            negative(http.get("maxRequestsPerConnection"), "max requests per connection must be non-negative");
            negative(http.get("maxRetries"), "max retries must be non-negative");
            w.duration(http.get("idleTimeout"));
            if (http.get("h2UpgradePolicy").text().equals("UPGRADE") && http.get("useClientProtocol").bool()) {
                w.error(http.get("useClientProtocol").path(), "use client protocol must not be true when H2UpgradePolicy is UPGRADE");
            }
            negative(http.get("maxConcurrentStreams"), "max concurrent streams must be non-negative");
        }
        if (tcp.present()) {
            negative(tcp.get("maxConnections"), "max connections must be non-negative");
            w.duration(tcp.get("connectTimeout"));
            w.duration(tcp.get("maxConnectionDuration"));
            Node idle = tcp.get("idleTimeout");
            var d = GoDuration.parse(idle.text());
            if (idle.present() && !(d.isPresent() && d.getAsLong() / GoDuration.MILLISECOND == 0)) w.duration(idle);
            w.duration(tcp.get("tcpKeepalive").get("time"));
            w.duration(tcp.get("tcpKeepalive").get("interval"));
        }
    }

    private void negative(Node n, String message) {
        if (n.integer() < 0) w.error(n.path(), message);
    }

    /** validateLoadBalancer (without locality settings). */
    private void loadBalancer(Node lb, boolean keepWarnings) {
        if (!lb.present()) return;
        Node ch = lb.get("consistentHash");
        if (ch.present()) {
            Node cookie = ch.get("httpCookie");
            if (cookie.present() && cookie.get("name").text().isEmpty()) w.error(cookie.path(), "name required for HttpCookie");
            Set<String> attributes = new HashSet<>();
            for (Node attr : cookie.get("attributes").items()) {
                String name = attr.get("name").text();
                if (name.isEmpty()) w.error(attr.path(), "cookie attribute name cannot be empty");
                else if (!attributes.add(name)) w.error(attr.path(), "duplicate cookie attribute name: " + name);
            }
            long ringSize = ch.get("minimumRingSize").integer();
            if (ringSize != 0 && keepWarnings) {
                w.warning(ch.get("minimumRingSize").path(), "consistent hash MinimumRingSize is deprecated, "
                        + "use ConsistentHashLB's RingHash configuration instead");
            }
            if (ringSize != 0 && (ch.has("ringHash") || ch.has("maglev"))) {
                w.error(ch.path(), "only one of MinimumRingSize or Maglev/Ringhash can be specified");
            }
            Node maglev = ch.get("maglev");
            if (maglev.present()) {
                long size = maglev.get("tableSize").integer();
                String at = maglev.get("tableSize").path();
                if (size == 0) w.error(at, "tableSize must be set for maglev");
                if (size >= 5000011) w.error(at, "tableSize must be less than 5000011 for maglev");
                if (!isPrime(size)) w.error(at, "tableSize must be a prime number for maglev");
            }
        }
        Node warmup = lb.get("warmup");
        if (warmup.present()) {
            if (!warmup.has("duration")) w.error(warmup.path(), "duration is required");
            else w.duration(warmup.get("duration"));
            if (warmup.get("minimumPercent").number() > 100) {
                w.error(warmup.get("minimumPercent").path(), "minimumPercent value should be less than or equal to 100");
            }
            if (warmup.has("aggression") && warmup.get("aggression").number() < 1) {
                w.error(warmup.get("aggression").path(), "aggression should be greater than or equal to 1");
            }
        }
    }

    /** Envoy's isPrime, which Istio copies: 1, 2 and 3 count as prime, 0 does not. */
    static boolean isPrime(long x) {
        if (x != 0 && x < 4) return true;
        if ((x & 1) == 0) return false;
        long limit = (long) Math.sqrt((double) x);
        for (long f = 3; f <= limit; f += 2) if (x % f == 0) return false;
        return true;
    }
}
