package workbench.mesh;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The real HTTP hop from a sidecar to a chosen pod, over loopback. */
public final class Upstream {
    /** Headers the JDK client sets itself and refuses to take from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    public MeshResponse send(Pod pod, MeshRequest request, Duration timeout) throws IOException {
        if (pod.address() == null) throw new java.net.ConnectException("pod " + pod.name() + " listens on no port");
        URI uri = URI.create("http://" + pod.address().getHostString() + ":" + pod.address().getPort() + request.path());
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        if (timeout != null && !timeout.isZero()) builder.timeout(timeout);
        request.headers().forEach((k, v) -> { if (!RESTRICTED.contains(k)) builder.header(k, v); });
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> { if (!v.isEmpty()) headers.put(k.toLowerCase(), v.get(0)); });
            return new MeshResponse(response.statusCode(), headers, response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + pod.name(), e);
        }
    }
}
