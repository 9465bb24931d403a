package workbench.backend.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Optional;

/** How often the Prometheus addon scrapes, read from its own configuration on a cluster; reads only. */
final class PrometheusSettings {
    static final String PROMETHEUS_CONFIG_KEY = "prometheus.yml";
    static final Duration PROMETHEUS_DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    private final KubernetesClient client;
    private Optional<Duration> configured; // read from the cluster on first use, then kept

    PrometheusSettings(KubernetesClient client) { this.client = client; }

    /** The interval in one line, for what the lesson shows it observed. */
    String describe() {
        return configuredScrapeInterval().map(d -> "prometheus: scrape interval " + d.toSeconds() + "s (ConfigMap prometheus)")
                .orElse("prometheus: no scrape interval in ConfigMap prometheus; assuming Prometheus' default, "
                        + PROMETHEUS_DEFAULT_SCRAPE_INTERVAL.toSeconds() + "s");
    }

    /**
     * How often Prometheus scrapes, from its configuration ({@code global.scrape_interval} in ConfigMap {@code prometheus},
     * key {@code prometheus.yml}, as Istio's prometheus.yaml ships it: 15s); Prometheus' own default, 1m, when it is not
     * set or cannot be read.
     */
    Duration scrapeInterval() { return configuredScrapeInterval().orElse(PROMETHEUS_DEFAULT_SCRAPE_INTERVAL); }

    private synchronized Optional<Duration> configuredScrapeInterval() {
        if (configured == null) configured = readScrapeInterval();
        return configured;
    }

    private Optional<Duration> readScrapeInterval() {
        var configMap = client.configMaps().inNamespace(IstioAddons.NAMESPACE).withName(IstioAddons.PROMETHEUS_SERVICE).get();
        String yaml = configMap == null || configMap.getData() == null ? null : configMap.getData().get(PROMETHEUS_CONFIG_KEY);
        if (yaml == null) return Optional.empty();
        try {
            String interval = YAML.readTree(yaml).path("global").path("scrape_interval").asText("");
            return interval.isEmpty() ? Optional.empty() : Optional.of(prometheusDuration(interval));
        } catch (java.io.IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A Prometheus duration such as "15s", "1m30s" or "500ms" (units ms, s, m, h, d, w, y). */
    static Duration prometheusDuration(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)").matcher(text.strip());
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                case "w" -> Duration.ofDays(7 * n);
                default -> Duration.ofDays(365 * n);
            });
            end = m.end();
        }
        if (end == 0 || end != text.strip().length()) throw new IllegalArgumentException("not a Prometheus duration: " + text);
        return total;
    }
}
