package workbench.mesh;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A running workload instance: its Kubernetes identity, where its application listens on loopback, and
 * whether the injector gave it an istio-proxy (a pod without one sends and takes plain traffic).
 */
public record Pod(String name, String namespace, Map<String, String> labels, InetSocketAddress address, boolean sidecar) {

    /** A pod with a sidecar, as every pod in an injection-enabled namespace has. */
    public Pod(String name, String namespace, Map<String, String> labels, InetSocketAddress address) {
        this(name, namespace, labels, address, true);
    }

    public String app() { return labels.getOrDefault("app", ""); }

    public String version() { return labels.getOrDefault("version", ""); }
}
