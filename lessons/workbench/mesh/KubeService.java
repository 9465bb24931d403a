package workbench.mesh;

import java.util.Map;
import workbench.istio.Hosts;

/** A Kubernetes Service: a name, a port and the labels that pick its pods. */
public record KubeService(String name, String namespace, int port, Map<String, String> selector) {

    public String fqdn() { return Hosts.fqdn(name, namespace); }

    public boolean selects(Pod pod) {
        if (!pod.namespace().equals(namespace)) return false;
        for (Map.Entry<String, String> e : selector.entrySet()) {
            if (!e.getValue().equals(pod.labels().get(e.getKey()))) return false;
        }
        return true;
    }
}
