package workbench.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class K3sProfileTest {

    @Test
    void withoutTheProfileNoClusterStartsAndTheReasonSaysHowToEnable() {
        var result = K3sProfile.decide(false, () -> { throw new AssertionError("Docker must not even be asked"); });
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains("mvn test -Pk3s"));
    }

    @Test
    void withTheProfileAndDockerTheTestsRun() {
        assertThat(K3sProfile.decide(true, () -> true).isDisabled()).isFalse();
    }

    @Test
    void withTheProfileButNoDockerTheRunFailsRatherThanPassingEmpty() {
        assertThatThrownBy(() -> K3sProfile.decide(true, () -> false))
                .hasMessageContaining("-Pk3s").hasMessageContaining("no Docker engine answered");
    }
}
