package workbench.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import workbench.istio.Hosts;

/** What istiod learns from Kubernetes: the services and the pods behind them. */
public final class Registry {
    private final List<KubeService> services = new CopyOnWriteArrayList<>();
    private final List<Pod> pods = new CopyOnWriteArrayList<>();

    /** Every routed request looks its service up by FQDN; an index keeps that a map lookup. */
    private final Map<String, KubeService> byFqdn = new ConcurrentHashMap<>();

    private final Map<String, Map<String, String>> namespaceLabels = new ConcurrentHashMap<>();

    /**
     * Each Service's endpoints as last computed, for every routed request to read; replaced by an empty one on every
     * change to the pods or Services ({@link #endpointsChanged}, after the change, so a request never stores endpoints older
     * than the map it stores into).
     */
    private volatile Map<KubeService, List<Pod>> endpoints = new ConcurrentHashMap<>();

    /** {@code kubectl label namespace NS key=value --overwrite}. */
    public void labelNamespace(String namespace, String key, String value) {
        namespaceLabels.compute(namespace, (ns, old) -> {
            Map<String, String> next = new java.util.TreeMap<>(old == null ? Map.of() : old);
            next.put(key, value);
            return Map.copyOf(next);
        });
    }

    public Map<String, String> namespaceLabels(String namespace) { return namespaceLabels.getOrDefault(namespace, Map.of()); }

    public void add(KubeService service) {
        services.add(service);
        byFqdn.putIfAbsent(service.fqdn(), service);
        endpointsChanged();
    }

    public void add(Pod pod) {
        pods.add(pod);
        endpointsChanged();
    }

    public void removePod(Pod pod) {
        pods.remove(pod);
        endpointsChanged();
    }

    public void removeService(KubeService service) {
        services.remove(service);
        byFqdn.remove(service.fqdn(), service);
        services.stream().filter(s -> s.fqdn().equals(service.fqdn())).findFirst().ifPresent(s -> byFqdn.putIfAbsent(s.fqdn(), s));
        endpointsChanged();
    }

    public List<Pod> pods() { return List.copyOf(pods); }

    public List<KubeService> services() { return List.copyOf(services); }

    public Optional<KubeService> service(String fqdn) { return Optional.ofNullable(byFqdn.get(fqdn)); }

    /**
     * What the caller's DNS makes of a host name: "productpage" and "productpage.default" are searched
     * in the caller's namespace and the cluster domain, as /etc/resolv.conf search paths do in a pod.
     */
    public Optional<KubeService> resolve(String host, String callerNamespace) {
        if (!host.contains(".")) return service(Hosts.fqdn(host, callerNamespace));
        Optional<KubeService> exact = service(host);
        return exact.isPresent() ? exact : service(host + "." + Hosts.CLUSTER_DOMAIN);
    }

    private void endpointsChanged() { endpoints = new ConcurrentHashMap<>(); }

    /** The pods {@code service} selects, in the order they were added. */
    public List<Pod> endpoints(KubeService service) {
        return endpoints.computeIfAbsent(service, s -> {
            List<Pod> out = new ArrayList<>();
            for (Pod pod : pods) if (s.selects(pod)) out.add(pod);
            return List.copyOf(out);
        });
    }
}
