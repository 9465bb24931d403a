package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import workbench.backend.BackendException;

class K3sSettingsTest {

    /** istio.io "Supported Releases": Istio 1.28 supports Kubernetes 1.30 to 1.34 (istioctl 1.28.10: MinK8SVersion = 30). */
    @Test
    void thePinnedK3sImageAndIstioChartFitTogether() {
        K3sSettings s = K3sSettings.defaults();
        assertThat(s.image()).matches("rancher/k3s:v1\\.\\d+\\.\\d+-k3s\\d+");
        assertThat(s.istioVersion()).matches("1\\.28\\.\\d+");
        assertThat(K3sSettings.OLDEST_SUPPORTED_MINOR).isEqualTo(30);
        assertThat(K3sSettings.NEWEST_SUPPORTED_MINOR).isEqualTo(34);
        assertThat(s.kubernetesMinor()).as("the k3s image's Kubernetes is one Istio 1.28 supports")
                .isBetween(K3sSettings.OLDEST_SUPPORTED_MINOR, K3sSettings.NEWEST_SUPPORTED_MINOR);
        assertThat(IstioHelmCharts.base(s.istioVersion()).path("spec").path("repo").asText())
                .isEqualTo("https://istio-release.storage.googleapis.com/charts");
        assertThat(IstioHelmCharts.istiod(s.istioVersion()).path("spec").path("version").asText()).isEqualTo(s.istioVersion());
        assertThat(s.namespace()).isEqualTo("default");
        assertThat(s.stateDir()).isNotNull();
    }

    @Test
    void anImageOutsideTheSupportedRangeIsSeenAsSuch() {
        assertThat(new K3sSettings("rancher/k3s:v1.29.9-k3s1", null, null, false, false, Path.of("x")).kubernetesMinor())
                .isLessThan(K3sSettings.OLDEST_SUPPORTED_MINOR);
    }

    @Test
    void kubernetesVersionIsReadFromTheTag() {
        assertThat(new K3sSettings("rancher/k3s:v1.34.2-k3s1", null, null, false, false, Path.of("x")).kubernetesVersionOfImage())
                .isEqualTo("v1.34.2");
    }

    @Test
    void istioVersionMustBeAReleaseNumber() {
        assertThatThrownBy(() -> new K3sSettings(null, "latest", null, false, false, null))
                .isInstanceOf(BackendException.class).hasMessageContaining("--istio-version latest");
        assertThat(new K3sSettings(null, "1.28.0", null, false, false, null).istioVersion()).isEqualTo("1.28.0");
    }

    @Test
    void imageMustBeRancherK3s() {
        assertThatThrownBy(() -> new K3sSettings("kindest/node:v1.33.1", null, null, false, false, null))
                .isInstanceOf(BackendException.class).hasMessageContaining("not a rancher/k3s image");
    }
}
