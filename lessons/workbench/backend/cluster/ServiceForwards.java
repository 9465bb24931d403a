package workbench.backend.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import workbench.backend.BackendException;

/**
 * {@code kubectl port-forward -n NS svc/NAME LOCAL:PORT}, opened once per service port and kept until {@link #close()}:
 * the ingress gateway, Prometheus and Jaeger's query service are reached this way. fabric8's forward carries many
 * connections on one local port, which listens on loopback only.
 */
final class ServiceForwards implements AutoCloseable {
    /** fabric8 listens on every interface unless told otherwise; the forwards are for this machine only. */
    static final java.net.InetAddress LOOPBACK = java.net.InetAddress.getLoopbackAddress();
    private final KubernetesClient client;
    private final Map<String, LocalPortForward> open = new LinkedHashMap<>();

    ServiceForwards(KubernetesClient client) { this.client = client; }

    /**
     * The local port of a forward to {@code service}'s {@code port}, on {@code preferredLocalPort} when it is free
     * (the port the series' reader would use), else on any free port; 0 means any. The Service must exist.
     */
    synchronized int localPort(String namespace, String service, int port, int preferredLocalPort) {
        String key = namespace + "/" + service + ":" + port;
        LocalPortForward forward = open.get(key);
        if (forward == null) {
            var resource = client.services().inNamespace(namespace).withName(service);
            if (resource.get() == null) throw new BackendException("no Service " + service + " in namespace " + namespace);
            if (preferredLocalPort > 0) {
                try {
                    forward = resource.portForward(port, LOOPBACK, preferredLocalPort);
                } catch (RuntimeException busy) {
                    forward = null;
                }
            }
            if (forward == null) {
                try {
                    forward = resource.portForward(port, LOOPBACK, 0);
                } catch (RuntimeException e) {
                    throw new BackendException("could not port-forward Service " + namespace + "/" + service + ":" + port
                            + " (" + e.getMessage() + "); check that its pods are running: kubectl -n " + namespace + " get pods", e);
                }
            }
            open.put(key, forward);
        }
        return forward.getLocalPort();
    }

    @Override
    public synchronized void close() {
        for (LocalPortForward forward : open.values()) {
            try {
                forward.close();
            } catch (IOException ignored) {
                // the forward's socket is gone either way
            }
        }
        open.clear();
    }
}
