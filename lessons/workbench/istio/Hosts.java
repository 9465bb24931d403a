package workbench.istio;

/** How Istio turns the short host names people write into service FQDNs. */
public final class Hosts {
    public static final String CLUSTER_DOMAIN = "svc.cluster.local";

    private Hosts() {}

    /**
     * "reviews" written in a rule of namespace "default" means reviews.default.svc.cluster.local;
     * a name with dots is taken as written, as Istio does (it does not guess "reviews.default").
     */
    public static String fqdn(String host, String namespace) {
        if (host.contains(".")) return host;
        return host + "." + namespace + "." + CLUSTER_DOMAIN;
    }
}
