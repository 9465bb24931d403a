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
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    /** An addon: its Service, the manifest that installs it, and whether lesson 02 reads from it. */
    record Addon(String service, String manifest, boolean queried) {}

    static final List<Addon> ADDONS = List.of(
            new Addon(PROMETHEUS_SERVICE, "prometheus", true),
            new Addon(KIALI_SERVICE, "kiali", false),
            new Addon(JAEGER_QUERY_SERVICE, "jaeger", true));

    private final KubernetesClient client;
    /** Read once: the observed lines and the scrape wait both need the interval. */
    private final PrometheusSettings prometheus;

    public IstioAddons(KubernetesClient client) {
        this.client = client;
        this.prometheus = new PrometheusSettings(client);
    }

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
        // only what the lesson reads: a present but unhealthy Kiali must not hold it up
        List<Addon> queried = ADDONS.stream().filter(Addon::queried).toList();
        waiter.until(new Waiter.Wait("Istio's addons in " + NAMESPACE + " (" + String.join(", ", queried.stream()
                .map(Addon::service).toList()) + ") to be ready", READY_TIMEOUT,
                () -> {
                    List<String> pending = new ArrayList<>();
                    for (Addon a : queried) {
                        List<Deployment> behind = deploymentsBehind(a.service());
                        for (Deployment d : behind) Readiness.deploymentPending(d).ifPresent(pending::add);
                        if (behind.isEmpty() && service(a.service()).isPresent()) pending.add("no Deployment behind Service " + a.service());
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
            lines.add(prometheus.describe());
        }
        lines.add(meshTracing());
        return lines;
    }

    /** How the mesh sends spans, as istiod's mesh config says ({@link MeshTracingSettings}). */
    public String meshTracing() { return new MeshTracingSettings(client).describe(); }

    /** How often Prometheus scrapes ({@link PrometheusSettings}). */
    public Duration scrapeInterval() { return prometheus.scrapeInterval(); }

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
