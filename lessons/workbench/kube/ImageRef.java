package workbench.kube;

import java.util.Optional;

/** The parts of a container image reference the lessons read: {@code docker.io/library/nginx:1.27.5}. */
public final class ImageRef {
    private ImageRef() {}

    /** The tag after the last ':' of the last path segment; empty for an untagged reference or a digest only. */
    public static Optional<String> tag(String image) {
        String last = image.substring(image.lastIndexOf('/') + 1);
        int at = last.indexOf('@');
        if (at >= 0) last = last.substring(0, at);
        int colon = last.indexOf(':');
        return colon < 0 ? Optional.empty() : Optional.of(last.substring(colon + 1));
    }

    /** The repository without registry or tag: "nginx", "istio/proxyv2", "curlimages/curl". */
    public static String repository(String image) {
        String noTag = tag(image).map(t -> image.substring(0, image.lastIndexOf(':'))).orElse(image);
        int at = noTag.indexOf('@');
        if (at >= 0) noTag = noTag.substring(0, at);
        String[] parts = noTag.split("/");
        boolean registry = parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
        String repo = String.join("/", java.util.Arrays.copyOfRange(parts, registry ? 1 : 0, parts.length));
        return repo.startsWith("library/") ? repo.substring("library/".length()) : repo;
    }
}
