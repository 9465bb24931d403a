package workbench.backend.k3s;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import workbench.backend.BackendException;

/**
 * How the throwaway cluster is made.
 *
 * @param image        the {@code rancher/k3s} image; its Kubernetes version must be one Istio supports
 * @param istioVersion the Istio Helm chart version installed by k3s's Helm controller
 * @param namespace    where the lesson runs (the cluster is the workbench's, so {@code default} is fine)
 * @param keep         leave the cluster up when the lesson ends, and write its kubeconfig to {@code stateDir}
 * @param reuse        Testcontainers reuse: find a running cluster from an earlier run, leave it running afterwards
 * @param stateDir     where the kubeconfig of a kept cluster is written
 */
public record K3sSettings(String image, String istioVersion, String namespace, boolean keep, boolean reuse, Path stateDir) {
    /** Kubernetes 1.33 is within Istio 1.28's supported 1.30–1.34, and native sidecars are on by default there. */
    public static final String DEFAULT_IMAGE = "rancher/k3s:v1.33.5-k3s1";
    /** The newest Istio 1.28 patch release when this was written. */
    public static final String DEFAULT_ISTIO_VERSION = "1.28.10";
    public static final String DEFAULT_NAMESPACE = "default";
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    public K3sSettings {
        if (image == null || image.isBlank()) image = DEFAULT_IMAGE;
        if (istioVersion == null || istioVersion.isBlank()) istioVersion = DEFAULT_ISTIO_VERSION;
        if (namespace == null || namespace.isBlank()) namespace = DEFAULT_NAMESPACE;
        if (stateDir == null) stateDir = Path.of(System.getProperty("user.home"), ".istio-workbench");
        if (!VERSION.matcher(istioVersion).matches()) {
            throw new BackendException("--istio-version " + istioVersion + " is not a release number like " + DEFAULT_ISTIO_VERSION
                    + "; the k3s backend installs the Istio Helm charts of exactly that version.");
        }
        if (!image.startsWith("rancher/k3s:")) {
            throw new BackendException("k3s image " + image + " is not a rancher/k3s image (e.g. " + DEFAULT_IMAGE + ")");
        }
    }

    public static K3sSettings defaults() { return new K3sSettings(null, null, null, false, false, null); }

    /**
     * The k3s server command. It repeats what Testcontainers' K3sContainer sets by default (Traefik disabled,
     * the Docker host as extra TLS name), because {@code withCommand} replaces that default as a whole.
     */
    public static List<String> serverCommand(String dockerHost) {
        return List.of("server", "--disable=traefik", "--tls-san=" + dockerHost);
    }

    /** "v1.33.5" from the image tag "v1.33.5-k3s1". */
    public String kubernetesVersionOfImage() {
        String tag = image.substring(image.indexOf(':') + 1);
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }
}
