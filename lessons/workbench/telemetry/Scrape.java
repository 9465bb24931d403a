package workbench.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The samples scraped from a set of pods, summed across them as a PromQL {@code sum(...)} would: request counts
 * and duration histograms for the series whose labels match.
 */
public record Scrape(List<Sample> samples) {

    /** Each pod's exposition, keyed by pod name; every sample gets a {@code pod} label, as Prometheus' target labels add. */
    public static Scrape of(Map<String, String> expositionByPod) {
        List<Sample> all = new ArrayList<>();
        expositionByPod.forEach((pod, text) -> {
            for (Sample s : PrometheusText.parse(text)) {
                Map<String, String> labels = new HashMap<>(s.labels());
                labels.put("pod", pod);
                all.add(new Sample(s.name(), labels, s.value()));
            }
        });
        return new Scrape(List.copyOf(all));
    }

    /** {@code sum(istio_requests_total{match})}, further narrowed by {@code also}. */
    public double requests(Map<String, String> match, Predicate<Sample> also) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().equals(IstioMetrics.REQUESTS) && matches(s, match) && also.test(s)) total += s.value();
        }
        return total;
    }

    public double requests(Map<String, String> match) { return requests(match, s -> true); }

    /** {@code sum by (le) (istio_request_duration_milliseconds_bucket{match})}. */
    public Histogram durations(Map<String, String> match) {
        Map<Double, Double> byBound = new HashMap<>();
        for (Sample s : samples) {
            if (!s.name().equals(IstioMetrics.DURATION + "_bucket") || !matches(s, match)) continue;
            String le = s.label("le");
            double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            byBound.merge(bound, s.value(), Double::sum);
        }
        return Histogram.of(byBound);
    }

    /** The difference between this scrape and an earlier one: what happened in between, as {@code increase()} over the window. */
    public Scrape since(Scrape earlier) {
        Map<String, Double> before = new HashMap<>();
        for (Sample s : earlier.samples) before.merge(key(s), s.value(), Double::sum);
        List<Sample> delta = new ArrayList<>();
        for (Sample s : samples) delta.add(new Sample(s.name(), s.labels(), s.value() - before.getOrDefault(key(s), 0.0)));
        return new Scrape(delta);
    }

    private static String key(Sample s) { return s.name() + new java.util.TreeMap<>(s.labels()); }

    private static boolean matches(Sample s, Map<String, String> match) {
        for (Map.Entry<String, String> m : match.entrySet()) if (!m.getValue().equals(s.labels().get(m.getKey()))) return false;
        return true;
    }
}
