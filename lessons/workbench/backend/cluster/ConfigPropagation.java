package workbench.backend.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import workbench.backend.BackendException;
import workbench.manifest.Document;

/**
 * Waits until applied Istio config is in effect in every sidecar of the namespace, by reading each
 * sidecar's Envoy config with {@code pilot-agent request GET config_dump} (the same data
 * {@code istioctl proxy-config} shows) and comparing it with {@link EnvoyRoutes}' expectation.
 * So a lesson measures the new routing, never a mix of old and new.
 */
public final class ConfigPropagation {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final PodExec exec;
    private final Waiter waiter;

    public ConfigPropagation(KubernetesClient client, String namespace, PodExec exec, Waiter waiter) {
        this.client = client;
        this.namespace = namespace;
        this.exec = exec;
        this.waiter = waiter;
    }

    /** Blocks until every sidecar in the namespace shows {@code config}; returns the notes on what could not be checked. */
    public List<String> await(List<Document> config) {
        EnvoyRoutes.Expectation expected = EnvoyRoutes.expect(config, namespace, this::servicePorts);
        if (expected.isEmpty()) return expected.unverifiable();
        Set<String> converged = new HashSet<>();
        Map<String, String> lastDiff = new LinkedHashMap<>();
        String names = String.join(", ", config.stream().map(d -> d.kind() + " " + d.name()).toList());
        waiter.until(new Waiter.Wait(
                names + " to be in effect in every sidecar of namespace " + namespace,
                TIMEOUT,
                () -> {
                    List<Pod> proxies = client.pods().inNamespace(namespace).list().getItems().stream()
                            .filter(p -> Readiness.hasProxy(p) && Readiness.podPending(p).isEmpty()).toList();
                    lastDiff.clear();
                    for (Pod p : proxies) {
                        String pod = p.getMetadata().getName();
                        if (converged.contains(pod)) continue;
                        try {
                            Optional<String> diff = EnvoyRoutes.pending(expected,
                                    expected.virtualHosts().isEmpty() ? Map.of() : EnvoyRoutes.routesIn(dump(pod, "dynamic_route_configs")),
                                    expected.clusters().isEmpty() ? Set.of() : EnvoyRoutes.clustersIn(dump(pod, "dynamic_active_clusters")));
                            if (diff.isEmpty()) converged.add(pod);
                            else lastDiff.put(pod, diff.get());
                        } catch (BackendException e) {
                            lastDiff.put(pod, e.getMessage()); // a sidecar restarting: ask again next round
                        }
                    }
                    if (proxies.isEmpty()) return Optional.of("no ready pod with a sidecar in namespace " + namespace);
                    return lastDiff.isEmpty() ? Optional.empty()
                            : Optional.of(String.join("\n  ", lastDiff.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()));
                },
                "istiod may be slow or may have rejected the config. Compare `istioctl proxy-status` and "
                        + "`istioctl proxy-config routes <pod> -n " + namespace + "`, and look for warnings with `istioctl analyze -n " + namespace + "`.",
                () -> Diagnostics.logTail(client, "istio-system", "app", "istiod", "discovery")));
        return expected.unverifiable();
    }

    private JsonNode dump(String pod, String resource) {
        PodExec.Result r = exec.run(namespace, pod, Readiness.PROXY, Duration.ofSeconds(30),
                "pilot-agent", "request", "GET", "config_dump?resource=" + resource);
        if (r.exitCode() != 0) {
            throw new BackendException("could not read the Envoy config of " + pod + " (pilot-agent exited " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        try {
            return JSON.readTree(r.stdout());
        } catch (IOException e) {
            throw new BackendException("the Envoy config dump of " + pod + " is not JSON: " + e.getMessage(), e);
        }
    }

    private List<Integer> servicePorts(String fqdn) {
        String[] parts = fqdn.split("\\.");
        if (parts.length < 3 || !fqdn.endsWith(".svc.cluster.local")) return List.of();
        Service svc = client.services().inNamespace(parts[1]).withName(parts[0]).get();
        if (svc == null || svc.getSpec() == null || svc.getSpec().getPorts() == null) return List.of();
        return svc.getSpec().getPorts().stream().map(ServicePort::getPort).toList();
    }
}
