package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Fetches productpage through a port-forward to one productpage pod ({@code kubectl port-forward
 * pod/productpage-... 9080}). The request enters the productpage container directly; productpage's own
 * calls to details and reviews leave through its sidecar, so the reviews VirtualService decides them.
 */
public final class PortForwardPageClient implements PageClient, AutoCloseable {
    static final int PORT = 9080;
    /** Headers java.net.http refuses to set; the port-forward target does not need them. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final KubernetesClient client;
    private final String namespace;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private LocalPortForward forward;
    private String pod;

    public PortForwardPageClient(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public Page get(String path, Map<String, String> headers) throws IOException {
        int port = localPort(false);
        try {
            return send(port, path, headers);
        } catch (IOException first) {
            // the pod may have been replaced or the tunnel dropped: open a fresh one and try once more
            return send(localPort(true), path, headers);
        }
    }

    private Page send(int port, String path, Map<String, String> headers) throws IOException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
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

    /** The local end of the tunnel, opened on first use and reopened when asked or when it died. */
    private synchronized int localPort(boolean reopen) {
        if (forward != null && !reopen && forward.isAlive() && !forward.errorOccurred()) return forward.getLocalPort();
        closeForward();
        Pod target = client.pods().inNamespace(namespace).withLabel("app", "productpage").list().getItems().stream()
                .filter(p -> Readiness.podPending(p).isEmpty())
                .findFirst()
                .orElseThrow(() -> new BackendException("no ready productpage pod in namespace " + namespace
                        + "; deploy manifests/bookinfo.yaml first"));
        pod = target.getMetadata().getName();
        forward = client.pods().inNamespace(namespace).withName(pod).portForward(PORT);
        return forward.getLocalPort();
    }

    /** The pod the tunnel currently reaches, for messages; null before first use. */
    public synchronized String pod() { return pod; }

    private void closeForward() {
        if (forward == null) return;
        try {
            forward.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            forward = null;
        }
    }

    @Override
    public synchronized void close() {
        try {
            closeForward();
        } catch (UncheckedIOException ignored) {
            // closing a dead tunnel has nothing left to release
        }
    }
}
