package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import workbench.backend.BackendException;

class K3sRequirementsTest {

    @Test
    void tooLittleMemoryIsRefusedWithWhatToDo() {
        assertThat(K3sRequirements.memoryProblem(2L << 30)).get().asString()
                .contains("Docker has 2.0 GiB")
                .contains("Settings > Resources > Memory")
                .contains("--backend embedded");
    }

    @Test
    void enoughOrUnknownMemoryPasses() {
        assertThat(K3sRequirements.memoryProblem(4L << 30)).isEmpty();
        assertThat(K3sRequirements.memoryProblem(K3sRequirements.MIN_MEMORY)).isEmpty();
        assertThat(K3sRequirements.memoryProblem(0)).isEmpty();
    }

    @Test
    void reuseNeedsTestcontainersReuseSwitchedOn() {
        assertThat(K3sRequirements.reuseProblem(true, false)).get().asString()
                .contains("testcontainers.reuse.enable=true").contains("TESTCONTAINERS_REUSE_ENABLE");
        assertThat(K3sRequirements.reuseProblem(true, true)).isEmpty();
        assertThat(K3sRequirements.reuseProblem(false, false)).isEmpty();
    }

    @Test
    void startChecksRequirementsBeforeTouchingDocker() {
        K3sSettings reuse = new K3sSettings(null, null, null, false, true, null);
        assertThatThrownBy(() -> K3sBackend.start(reuse, () -> 8L << 30, () -> false))
                .isInstanceOf(BackendException.class).hasMessageContaining("--reuse needs");
        assertThatThrownBy(() -> K3sBackend.start(K3sSettings.defaults(), () -> 1L << 30, () -> true))
                .isInstanceOf(BackendException.class).hasMessageContaining("Docker has 1.0 GiB");
    }
}
