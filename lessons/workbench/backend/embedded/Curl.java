package workbench.backend.embedded;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.backend.BackendException;
import workbench.kube.ImageRef;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/**
 * The {@code curlimages/curl} image's {@code curl -sI URL}: a HEAD request through the pod's way out, printed as curl
 * prints the response head (status line, one header per line, CRLF endings, a blank line). Envoy writes HTTP/1.1
 * header names in lower case (Envoy docs, "HTTP/1.1 Header Casing"); a response that passed no Envoy keeps the
 * server's own capitalisation, which for nginx is the canonical Title-Case. A response passed through Envoy carries
 * {@code x-envoy-upstream-service-time}, which its router adds to every proxied upstream response.
 */
final class Curl {
    private static final Map<Integer, String> REASONS = Map.of(200, "OK", 404, "Not Found", 503, "Service Unavailable");

    private Curl() {}

    static boolean isImage(String image) { return ImageRef.repository(image).equals("curlimages/curl"); }

    static String run(List<String> command, Outbound way) {
        if (command.size() != 3 || !command.get(0).equals("curl") || !command.get(1).equals("-sI")) {
            throw new BackendException("the embedded curl image runs `curl -sI URL` only, not `" + String.join(" ", command) + "`");
        }
        MeshResponse r;
        try {
            MeshRequest get = MeshRequest.get(command.get(2), Map.of("user-agent", "curl", "accept", "*/*"));
            r = way.send(new MeshRequest("HEAD", get.authority(), get.path(), get.headers(), ""), Duration.ofSeconds(10));
        } catch (IOException e) {
            return ""; // curl -s prints nothing when it cannot connect
        }
        boolean viaEnvoy = r.headers().containsKey("x-envoy-upstream-service-time");
        StringBuilder out = new StringBuilder("HTTP/1.1 " + r.status() + " " + REASONS.getOrDefault(r.status(), "") + "\r\n");
        r.headers().forEach((name, value) -> out.append(viaEnvoy ? name : titleCase(name)).append(": ").append(value).append("\r\n"));
        return out.append("\r\n").toString();
    }

    private static String titleCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-", -1)) {
            if (out.length() > 0) out.append('-');
            if (!part.isEmpty()) out.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
        }
        return out.toString();
    }
}
