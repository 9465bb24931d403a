package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import workbench.backend.BackendException;

class K3sSettingsTest {

    @Test
    void defaultsPickAKubernetesVersionIstio128Supports() {
        K3sSettings s = K3sSettings.defaults();
        assertThat(s.image()).matches("rancher/k3s:v1\\.\\d+\\.\\d+-k3s\\d+");
        int minor = Integer.parseInt(s.kubernetesVersionOfImage().split("\\.")[1]);
        assertThat(minor).as("Istio 1.28 supports Kubernetes 1.30 to 1.34").isBetween(30, 34);
        assertThat(s.istioVersion()).startsWith("1.28.");
        assertThat(s.namespace()).isEqualTo("default");
        assertThat(s.stateDir()).isNotNull();
    }

    @Test
    void serverCommandRepeatsTheModuleDefaultsWithTraefikDisabled() {
        assertThat(K3sSettings.serverCommand("localhost"))
                .containsExactly("server", "--disable=traefik", "--tls-san=localhost");
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
