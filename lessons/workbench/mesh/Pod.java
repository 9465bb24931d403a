package workbench.mesh;

import java.net.InetSocketAddress;
import java.util.Map;

/** A running workload instance: its Kubernetes identity and where its application listens on loopback. */
public record Pod(String name, String namespace, Map<String, String> labels, InetSocketAddress address) {

    public String app() { return labels.getOrDefault("app", ""); }

    public String version() { return labels.getOrDefault("version", ""); }
}
