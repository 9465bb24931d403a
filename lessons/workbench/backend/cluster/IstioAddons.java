package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.backend.Addons;

/**
 * Istio's addons in istio-system as its sample manifests for 1.28 name them ({@code samples/addons/prometheus.yaml},
 * {@code kiali.yaml}, {@code jaeger.yaml}): Service {@code prometheus} on 9090, Jaeger's query Service {@code tracing} on
 * 80 (to 16686), Service {@code kiali}. Finds them, the Deployments behind them (whatever they are called), and what is
 * missing; reads only, installs nothing.
 */
public final class IstioAddons {
    public static final String NAMESPACE = "istio-system";
    public static final String PROMETHEUS_SERVICE = "prometheus";
    public static final int PROMETHEUS_PORT = 9090;
    public static final String JAEGER_QUERY_SERVICE = "tracing";
    public static final int JAEGER_QUERY_PORT = 80;
    /** Jaeger's own query port, where the series' reader forwards it. */
    public static final int JAEGER_LOCAL_PORT = 16686;
    public static final String KIALI_SERVICE = "kiali";
    /** Istio's jaeger.yaml serves the query UI and API under this prefix ({@code QUERY_BASE_PATH}). */
    static final String QUERY_BASE_PATH = "QUERY_BASE_PATH";
    static final String PROMETHEUS_CONFIG_KEY = "prometheus.yml";
    static final Duration PROMETHEUS_DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    /** istiod's mesh config for the default revision. */
    static final String MESH_CONFIG_MAP = "istio";
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /** An addon: its Service, the manifest that installs it, and whether lesson 02 reads from it. */
    record Addon(String service, String manifest, boolean queried) {}

    static final List<Addon> ADDONS = List.of(
            new Addon(PROMETHEUS_SERVICE, "prometheus", true),
            new Addon(KIALI_SERVICE, "kiali", false),
            new Addon(JAEGER_QUERY_SERVICE, "jaeger", true));

    private final KubernetesClient client;

    public IstioAddons(KubernetesClient client) { this.client = client; }

    /** Why the lesson cannot read metrics and traces here, naming what is missing and how to install it; empty when nothing is. */
    public Optional<String> missing() {
        List<Addon> absent = ADDONS.stream().filter(a -> a.queried() && service(a.service()).isEmpty()).toList();
        if (absent.isEmpty()) return Optional.empty();
        StringBuilder sb = new StringBuilder("Istio's " + String.join(" and ", absent.stream().map(a -> label(a.manifest())).toList())
                + " addon" + (absent.size() > 1 ? "s are" : " is") + " not installed: no Service "
                + String.join(", no Service ", absent.stream().map(a -> a.service()).toList()) + " in namespace " + NAMESPACE
                + ". Lesson 02 reads metrics and traces through them, and the workbench installs nothing cluster-wide on your "
                + "cluster. Install them as the series does, then run the lesson again:");
        absent.forEach(a -> sb.append("\n  ").append(Addons.kubectlApply(a.manifest())));
        return Optional.of(sb.toString());
    }

    /** Waits until every Deployment behind an addon's Service has its replicas ready. */
    void awaitReady(Waiter waiter) {
        waiter.until(new Waiter.Wait("Istio's addons in " + NAMESPACE + " (" + String.join(", ", ADDONS.stream()
                .filter(Addon::queried).map(Addon::service).toList()) + ") to be ready", READY_TIMEOUT,
                () -> {
                    List<String> pending = new ArrayList<>();
                    // only what the lesson reads: a present but unhealthy Kiali must not hold it up
                    for (Addon a : ADDONS.stream().filter(Addon::queried).toList()) {
                        for (Deployment d : deploymentsBehind(a.service())) Readiness.deploymentPending(d).ifPresent(pending::add);
                        if (a.queried() && service(a.service()).isPresent() && deploymentsBehind(a.service()).isEmpty()) {
                            pending.add("no Deployment behind Service " + a.service());
                        }
                    }
                    return pending.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", pending));
                },
                "the addon images are pulled on first use (docker.io/prom/prometheus, quay.io/kiali/kiali, "
                        + "docker.io/jaegertracing/all-in-one): look below for ImagePullBackOff or FailedScheduling.",
                () -> Diagnostics.gather(client, NAMESPACE, p -> true)));
    }

    /**
     * One line per addon, as observed now: each Deployment behind its Service with ready replicas and images, or that
     * the addon is not installed; then how the mesh sends spans ({@link #meshTracing()}).
     */
    public List<String> observed() {
        List<String> lines = new ArrayList<>();
        for (Addon a : ADDONS) {
            if (service(a.service()).isEmpty()) {
                lines.add(a.manifest() + ": not installed (no Service " + a.service() + " in " + NAMESPACE + ")");
                continue;
            }
            for (Deployment d : deploymentsBehind(a.service())) lines.add(describe(a, d));
        }
        if (service(PROMETHEUS_SERVICE).isPresent()) {
            lines.add(configuredScrapeInterval().map(d -> "prometheus: scrape interval " + d.toSeconds() + "s (ConfigMap prometheus)")
                    .orElse("prometheus: no scrape interval in ConfigMap prometheus; assuming Prometheus' default, "
                            + PROMETHEUS_DEFAULT_SCRAPE_INTERVAL.toSeconds() + "s"));
        }
        lines.add(meshTracing());
        return lines;
    }

    /**
     * How the mesh sends spans, as istiod's mesh config (ConfigMap {@code istio}, key {@code mesh}) says: the default tracing
     * provider and the sampling percentage. Since Istio 1.22 a default install has no tracing provider, so no spans reach
     * Jaeger; Telemetry resources, which can set one too, are not read here.
     */
    public String meshTracing() {
        var configMap = client.configMaps().inNamespace(NAMESPACE).withName(MESH_CONFIG_MAP).get();
        String mesh = configMap == null || configMap.getData() == null ? null : configMap.getData().get("mesh");
        if (mesh == null) return "mesh tracing: no ConfigMap " + MESH_CONFIG_MAP + " with a mesh config in " + NAMESPACE;
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = YAML.readTree(mesh);
        } catch (java.io.IOException e) {
            return "mesh tracing: ConfigMap " + MESH_CONFIG_MAP + " holds no readable mesh config (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        List<String> providers = new ArrayList<>();
        config.path("defaultProviders").path("tracing").forEach(p -> providers.add(p.asText()));
        com.fasterxml.jackson.databind.JsonNode sampling = config.path("defaultConfig").path("tracing").path("sampling");
        return "mesh tracing: default provider " + (providers.isEmpty() ? "none (no spans are sent unless a Telemetry resource names one)"
                : String.join(", ", providers)) + ", sampling " + (sampling.isNumber() ? sampling.asText() + "%"
                : "not set (istiod's PILOT_TRACE_SAMPLING, 1% unless changed)");
    }

    /**
     * How often Prometheus scrapes, from its configuration ({@code global.scrape_interval} in ConfigMap {@code prometheus},
     * key {@code prometheus.yml}, as Istio's prometheus.yaml ships it: 15s); Prometheus' own default, 1m, when it is not
     * set or cannot be read.
     */
    public Duration scrapeInterval() { return configuredScrapeInterval().orElse(PROMETHEUS_DEFAULT_SCRAPE_INTERVAL); }

    private Optional<Duration> configuredScrapeInterval() {
        var configMap = client.configMaps().inNamespace(NAMESPACE).withName(PROMETHEUS_SERVICE).get();
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

    /** The path prefix Jaeger's query API is served under ("/jaeger" for Istio's jaeger.yaml), "" when none is set. */
    public String jaegerBasePath() {
        for (Deployment d : deploymentsBehind(JAEGER_QUERY_SERVICE)) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                if (c.getEnv() == null) continue;
                for (EnvVar e : c.getEnv()) {
                    if (QUERY_BASE_PATH.equals(e.getName()) && e.getValue() != null && !e.getValue().isBlank()) {
                        String path = e.getValue().strip();
                        path = path.startsWith("/") ? path : "/" + path;
                        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                    }
                }
            }
        }
        return "";
    }

    private static String describe(Addon a, Deployment d) {
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
        List<String> images = d.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getImage).toList();
        return a.manifest() + ": deployment/" + d.getMetadata().getName() + " " + ready + "/" + want + " ready, service/"
                + a.service() + ", " + String.join(", ", images);
    }

    private static String label(String manifest) {
        return switch (manifest) {
            case "prometheus" -> "Prometheus";
            case "jaeger" -> "Jaeger";
            default -> "Kiali";
        };
    }

    private Optional<Service> service(String name) {
        return Optional.ofNullable(client.services().inNamespace(NAMESPACE).withName(name).get());
    }

    /** The Deployments whose pods the Service selects. */
    private List<Deployment> deploymentsBehind(String serviceName) {
        Optional<Service> service = service(serviceName);
        if (service.isEmpty() || service.get().getSpec() == null || service.get().getSpec().getSelector() == null
                || service.get().getSpec().getSelector().isEmpty()) {
            return List.of();
        }
        Map<String, String> selector = service.get().getSpec().getSelector();
        return client.apps().deployments().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(d -> {
                    Map<String, String> labels = d.getSpec().getTemplate().getMetadata() == null ? null
                            : d.getSpec().getTemplate().getMetadata().getLabels();
                    return labels != null && labels.entrySet().containsAll(selector.entrySet());
                })
                .toList();
    }
}
