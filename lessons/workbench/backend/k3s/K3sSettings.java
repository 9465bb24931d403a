package workbench.backend.k3s;

import java.nio.file.Path;
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
    // The pinned pair, chosen together (K3sSettingsTest checks they fit):
    // - Istio: the newest 1.28 patch release when this was written, installed from its official Helm chart repository.
    // - Kubernetes: Istio 1.28 supports 1.30 to 1.34 (istio.io, "Supported Releases"; istioctl 1.28.10 refuses below
    //   1.30: MinK8SVersion = 30 in istioctl/pkg/install/k8sversion/version.go). 1.33 sits inside that range, with
    //   room on both sides, and has native sidecars on by default.
    public static final String DEFAULT_ISTIO_VERSION = "1.28.10";
    public static final String ISTIO_CHART_REPO = "https://istio-release.storage.googleapis.com/charts";
    public static final String DEFAULT_IMAGE = "rancher/k3s:v1.33.5-k3s1";
    /** The Kubernetes minor versions Istio 1.28 supports, oldest and newest. */
    public static final int OLDEST_SUPPORTED_MINOR = 30;
    public static final int NEWEST_SUPPORTED_MINOR = 34;
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

    /** The Kubernetes minor version of the image: 33 for "v1.33.5-k3s1". */
    public int kubernetesMinor() { return Integer.parseInt(kubernetesVersionOfImage().split("\\.")[1]); }

    /** "v1.33.5" from the image tag "v1.33.5-k3s1". */
    public String kubernetesVersionOfImage() {
        String tag = image.substring(image.indexOf(':') + 1);
        int dash = tag.indexOf('-');
        return dash < 0 ? tag : tag.substring(0, dash);
    }
}
