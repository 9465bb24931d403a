package workbench.mesh;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import workbench.istio.Hosts;

/** What istiod learns from Kubernetes: the services and the pods behind them. */
public final class Registry {
    private final List<KubeService> services = new CopyOnWriteArrayList<>();
    private final List<Pod> pods = new CopyOnWriteArrayList<>();

    public void add(KubeService service) { services.add(service); }

    public void add(Pod pod) { pods.add(pod); }

    public void removePod(Pod pod) { pods.remove(pod); }

    public void removeService(KubeService service) { services.remove(service); }

    public List<Pod> pods() { return List.copyOf(pods); }

    public List<KubeService> services() { return List.copyOf(services); }

    public Optional<KubeService> service(String fqdn) {
        return services.stream().filter(s -> s.fqdn().equals(fqdn)).findFirst();
    }

    /**
     * What the caller's DNS makes of a host name: "productpage" and "productpage.default" are searched
     * in the caller's namespace and the cluster domain, as /etc/resolv.conf search paths do in a pod.
     */
    public Optional<KubeService> resolve(String host, String callerNamespace) {
        if (!host.contains(".")) return service(Hosts.fqdn(host, callerNamespace));
        Optional<KubeService> exact = service(host);
        return exact.isPresent() ? exact : service(host + "." + Hosts.CLUSTER_DOMAIN);
    }

    public List<Pod> endpoints(KubeService service) {
        return pods.stream().filter(service::selects).toList();
    }
}
