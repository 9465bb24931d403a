package workbench.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The standard HTTP metrics one sidecar keeps, as Istio's stats filter defines them (istio.io, "Istio Standard
 * Metrics"): {@code istio_requests_total}, a counter, and {@code istio_request_duration_milliseconds}, a
 * histogram with Envoy's default buckets (Istio sets none of its own). Each distinct label set is one series.
 */
public final class IstioMetrics {
    public static final String REQUESTS = "istio_requests_total";
    public static final String DURATION = "istio_request_duration_milliseconds";

    /** Envoy's default histogram bounds, in ms (source/common/stats/histogram_impl.cc, supportedBuckets). */
    public static final double[] BUCKETS = {0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000,
            60000, 300000, 600000, 1800000, 3600000};

    /** One series per distinct label set; looked up by what the labels are made of, so a request builds no label map. */
    private final Map<Key, Series> series = new ConcurrentHashMap<>();

    private record Key(Reporter reporter, Peer source, Peer destination, String destinationService, int responseCode, String responseFlags) {}

    private static final class Series {
        final Map<String, String> labels;
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();
        /** Requests per bucket, each counted once, in the first bucket whose bound holds it; summed up to each bound on the way out. */
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];

        Series(Key k) {
            labels = labels(k.reporter(), k.source(), k.destination(), k.destinationService(), k.responseCode(), k.responseFlags());
            for (int i = 0; i < buckets.length; i++) buckets[i] = new LongAdder();
        }
    }

    /**
     * One finished request. {@code responseFlags} is Envoy's short code ("-" when none, "FI", "UH", ...);
     * {@code responseCode} 0 means no response was sent (the downstream went away).
     */
    public void record(Reporter reporter, Peer source, Peer destination, String destinationService,
                       int responseCode, String responseFlags, double millis) {
        String flags = responseFlags == null || responseFlags.isEmpty() ? "-" : responseFlags;
        Key key = new Key(reporter, source, destination, destinationService, responseCode, flags);
        Series s = series.get(key); // most requests repeat a series; a plain read takes no lock
        if (s == null) s = series.computeIfAbsent(key, Series::new);
        s.count.increment();
        s.sum.add(millis);
        for (int i = 0; i < BUCKETS.length; i++) {
            if (millis <= BUCKETS[i]) {
                s.buckets[i].increment();
                break;
            }
        }
    }

    static Map<String, String> labels(Reporter reporter, Peer source, Peer destination, String destinationService,
                                      int responseCode, String responseFlags) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("reporter", reporter.label());
        l.put("source_workload", source.workload());
        l.put("source_workload_namespace", source.namespace());
        l.put("source_app", source.app());
        l.put("source_version", source.version());
        l.put("destination_workload", destination.workload());
        l.put("destination_workload_namespace", destination.namespace());
        l.put("destination_app", destination.app());
        l.put("destination_version", destination.version());
        l.put("destination_service", destinationService);
        l.put("destination_service_name", serviceName(destinationService));
        l.put("destination_service_namespace", serviceNamespace(destinationService));
        l.put("request_protocol", "http");
        l.put("response_code", Integer.toString(responseCode));
        l.put("response_flags", responseFlags == null || responseFlags.isEmpty() ? "-" : responseFlags);
        return java.util.Collections.unmodifiableMap(l);
    }

    private static String serviceName(String fqdn) {
        int dot = fqdn.indexOf('.');
        return dot < 0 ? fqdn : fqdn.substring(0, dot);
    }

    private static String serviceNamespace(String fqdn) {
        String[] parts = fqdn.split("\\.");
        return parts.length >= 2 && fqdn.endsWith(".svc.cluster.local") ? parts[1] : Peer.UNKNOWN_VALUE;
    }

    /** Everything recorded so far in Prometheus' text exposition format 0.0.4, as {@code :15020/stats/prometheus} serves it. */
    public String exposition() {
        List<Series> all = new ArrayList<>(series.values());
        all.sort((a, b) -> a.labels.toString().compareTo(b.labels.toString()));
        StringBuilder out = new StringBuilder();
        out.append("# TYPE ").append(REQUESTS).append(" counter\n");
        for (Series s : all) sample(out, REQUESTS, s.labels, null, s.count.sum());
        out.append("# TYPE ").append(DURATION).append(" histogram\n");
        for (Series s : all) {
            long cumulative = 0;
            for (int i = 0; i < BUCKETS.length; i++) {
                cumulative += s.buckets[i].sum();
                sample(out, DURATION + "_bucket", s.labels, number(BUCKETS[i]), cumulative);
            }
            sample(out, DURATION + "_bucket", s.labels, "+Inf", s.count.sum());
            sample(out, DURATION + "_sum", s.labels, null, s.sum.sum());
            sample(out, DURATION + "_count", s.labels, null, s.count.sum());
        }
        return out.toString();
    }

    private static void sample(StringBuilder out, String name, Map<String, String> labels, String le, double value) {
        out.append(name).append('{');
        boolean first = true;
        for (var l : labels.entrySet()) {
            if (!first) out.append(',');
            first = false;
            out.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        }
        if (le != null) out.append(",le=\"").append(le).append('"');
        out.append("} ").append(number(value)).append('\n');
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The text format escapes backslash, double quote and line feed in label values. */
    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
