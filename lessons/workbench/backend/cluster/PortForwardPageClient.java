package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import workbench.backend.BackendException;
import workbench.backend.PageClient;

/**
 * Fetches productpage through one port-forward to a ready productpage pod ({@code kubectl port-forward
 * pod/productpage-... 9080}). The request enters the productpage container directly; productpage's own
 * calls to details and reviews leave through its sidecar, so the reviews VirtualService decides them.
 *
 * <p>All senders share the tunnel (fabric8's {@link LocalPortForward} carries many connections on one
 * local port) through one pooled HTTP client. A request that gets no HTTP response is retried once; if
 * the tunnel itself died, later requests get a fresh one, and the dead one is closed only when no
 * sender is using it any more. A second failure is a transport failure ({@link IOException}), never a
 * page status.
 */
public final class PortForwardPageClient implements PageClient, AutoCloseable {
    static final int PORT = 9080;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Headers java.net.http refuses to set; the port-forward target does not need them. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    /** One tunnel to productpage: its local port, whether it still carries traffic, and how to let go of it. */
    public interface Tunnel {
        int localPort();

        boolean healthy();

        void close();
    }

    /** Opens a tunnel; on a cluster, a port-forward to a ready productpage pod. */
    @FunctionalInterface
    public interface Tunnels {
        Tunnel open();
    }

    /** A tunnel and how many senders are using it; a retired one is closed when the last of them lets go. */
    private static final class Lease {
        final Tunnel tunnel;
        int users;
        boolean retired;

        Lease(Tunnel tunnel) { this.tunnel = tunnel; }
    }

    private final Tunnels tunnels;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private Lease current;
    private int opened;

    public PortForwardPageClient(Tunnels tunnels) { this.tunnels = tunnels; }

    /** The cluster's client: tunnels are port-forwards to a ready productpage pod of {@code namespace}. */
    public static PortForwardPageClient toProductPage(KubernetesClient client, String namespace) {
        return new PortForwardPageClient(() -> portForward(client, namespace));
    }

    @Override
    public Page get(String path, Map<String, String> headers) throws IOException {
        IOException first;
        Lease lease = acquire();
        try {
            return send(lease.tunnel.localPort(), path, headers);
        } catch (IOException e) {
            first = e;
        } finally {
            release(lease);
        }
        Lease retry = acquire(); // a fresh tunnel if that one died, else the same one
        try {
            return send(retry.tunnel.localPort(), path, headers);
        } catch (IOException second) {
            IOException failure = new IOException("transport failure: no HTTP response from productpage through the port-forward, twice ("
                    + describe(first) + "; then " + describe(second) + ")", second);
            failure.addSuppressed(first);
            throw failure;
        } finally {
            release(retry);
        }
    }

    /** How many tunnels were opened so far (one, while nothing goes wrong). */
    public synchronized int tunnelsOpened() { return opened; }

    private synchronized Lease acquire() {
        if (current != null && !current.tunnel.healthy()) retire(current);
        if (current == null) {
            current = new Lease(tunnels.open());
            opened++;
        }
        current.users++;
        return current;
    }

    private synchronized void release(Lease lease) {
        lease.users--;
        if (lease.retired && lease.users == 0) lease.tunnel.close();
    }

    private void retire(Lease lease) {
        lease.retired = true;
        if (current == lease) current = null;
        if (lease.users == 0) lease.tunnel.close();
    }

    private Page send(int port, String path, Map<String, String> headers) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(REQUEST_TIMEOUT).GET();
        headers.forEach((k, v) -> {
            if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) req.header(k, v);
        });
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static Tunnel portForward(KubernetesClient client, String namespace) {
        Pod target = client.pods().inNamespace(namespace).withLabel("app", "productpage").list().getItems().stream()
                .filter(p -> Readiness.podPending(p).isEmpty() && !Readiness.isTerminating(p))
                .findFirst()
                .orElseThrow(() -> new BackendException("no ready productpage pod in namespace " + namespace
                        + "; deploy manifests/bookinfo.yaml first"));
        LocalPortForward forward = client.pods().inNamespace(namespace).withName(target.getMetadata().getName())
                .portForward(PORT, ServiceForwards.LOOPBACK, 0); // loopback only: fabric8 would listen on every interface
        return new Tunnel() {
            @Override public int localPort() { return forward.getLocalPort(); }

            @Override public boolean healthy() { return forward.isAlive() && !forward.errorOccurred(); }

            @Override
            public void close() {
                try {
                    forward.close();
                } catch (IOException ignored) {
                    // a tunnel that is already broken has nothing left to release
                }
            }
        };
    }

    @Override
    public synchronized void close() {
        if (current != null) retire(current);
    }
}
