package workbench.lesson;

import java.net.URI;
import workbench.istio.Hosts;

/**
 * What the load steps of one run saw, for the stats step to compare with the sidecar's own counters: the
 * 503s fortio reported, and the value of {@code upstream_rq_pending_overflow} before the first load (Envoy's
 * counters count from the proxy's start, which on a reused cluster is before this lesson).
 */
final class OverflowLedger {
    private Long baseline;
    private long fiveOhThrees;
    private long loads;

    /** The caller-side Envoy cluster for a URL's service: {@code outbound|PORT||FQDN}. */
    static String clusterFor(String url, String namespace) {
        URI uri = URI.create(url);
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        return "outbound|" + port + "||" + Hosts.fqdn(uri.getHost(), namespace);
    }

    static String stat(String cluster, String name) { return "cluster." + cluster + "." + name; }

    void before(long overflowNow) { if (baseline == null) baseline = overflowNow; }

    void saw(long count503) {
        fiveOhThrees += count503;
        loads++;
    }

    long baseline() { return baseline == null ? 0 : baseline; }

    long fiveOhThrees() { return fiveOhThrees; }

    long loads() { return loads; }
}
