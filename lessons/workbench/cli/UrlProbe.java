package workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.fortio.Load;
import workbench.fortio.LoadGenerator;
import workbench.fortio.LoadReport;
import workbench.mesh.AccessLog;
import workbench.mesh.EnvoyStats;
import workbench.mesh.Sidecar;

/**
 * {@code mesh probe --url}: fortio load from a workload's sidecar to any URL, summed up from fortio's report, the
 * sidecar's access log (response flags) and its stats (the URL's cluster's {@code upstream_rq_pending_overflow}).
 */
final class UrlProbe {
    private UrlProbe() {}

    record Result(LoadReport report, SortedMap<String, Long> flags, long overflow, double seconds) {
        /** The keys the README documents for --url: requests, status, flags, latency_ms, overflow, seconds. */
        String json() {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("requests", report.calls());
            ObjectNode status = root.putObject("status");
            report.codes().forEach((code, n) -> status.put(Integer.toString(code), n));
            ObjectNode f = root.putObject("flags");
            flags.forEach(f::put);
            ObjectNode latency = root.putObject("latency_ms");
            latency.put("min", ms(report.min()));
            latency.put("avg", ms(report.avg()));
            report.percentiles().forEach((p, v) -> latency.put("p" + p, ms(v)));
            latency.put("max", ms(report.max()));
            root.put("overflow", overflow);
            root.put("seconds", Math.round(seconds * 1000) / 1000.0);
            return root.toString();
        }

        String text() {
            StringBuilder b = new StringBuilder();
            report.codeLines().forEach(l -> b.append(l).append('\n'));
            b.append("response flags: ").append(flags).append('\n');
            b.append("upstream_rq_pending_overflow: ").append(overflow).append('\n');
            b.append(String.format(java.util.Locale.ROOT, "latency ms: min %.3f avg %.3f max %.3f%n", ms(report.min()), ms(report.avg()), ms(report.max())));
            return b.toString();
        }

        private static double ms(double seconds) { return Math.round(seconds * 1e6) / 1000.0; }
    }

    static Result run(EmbeddedBackend mesh, String from, Load load) {
        Sidecar sidecar = mesh.sidecarOfApp(from);
        long start = System.nanoTime();
        LoadReport report = LoadGenerator.run(load, sidecar).report();
        double seconds = (System.nanoTime() - start) / 1e9;
        SortedMap<String, Long> flags = new TreeMap<>();
        sidecar.accessLog().lines().stream().map(AccessLog::parse).flatMap(Optional::stream)
                .forEach(e -> flags.merge(e.flags(), 1L, Long::sum));
        URI uri = URI.create(load.url());
        String cluster = "cluster.outbound|" + (uri.getPort() < 0 ? 80 : uri.getPort()) + "||"
                + workbench.istio.Hosts.fqdn(uri.getHost(), mesh.namespace()) + ".upstream_rq_pending_overflow";
        long overflow = EnvoyStats.value(EnvoyStats.of(sidecar), cluster).orElse(0);
        return new Result(report, flags, overflow, seconds);
    }

}
