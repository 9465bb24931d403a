package workbench.backend.choice;

import workbench.backend.Backend;
import workbench.backend.BackendException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import workbench.backend.embedded.EmbeddedBackend;

class BackendsTest {
    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier MUST_NOT_ASK = () -> { throw new AssertionError("Docker must not be asked"); };
    private static final String WHERE = "DOCKER_HOST is not set, no /var/run/docker.sock";

    @Test
    void autoTakesK3sWhenDockerAnswers() {
        Backends.Choice c = Backends.choose(Backends.Options.of("auto", 1), DOCKER, WHERE);
        assertThat(c.backend()).isEqualTo("k3s");
        assertThat(c.reason()).startsWith("auto: a Docker engine answered")
                .as("the console's first line says what a first k3s run costs").contains("about 1 GB", "5–15 min");
    }

    /** What Testcontainers' start reports when the engine refuses privileged containers (ContainerFailures' first line), then the log. */
    private static final String REFUSED = "Could not start the k3s cluster (rancher/k3s:v1.33.5-k3s1): the Docker engine refused "
            + "or limited a privileged container; use a rootful Docker engine, or --backend kubeconfig.\n"
            + "Last lines the container logged:\n  | <cgroup> operation not permitted";
    private static final Backends.K3sStart REFUSING = settings -> { throw new BackendException(REFUSED); };

    @Test
    void autoRunsOnEmbeddedWhenK3sCannotStartAndSaysWhyInOneParagraph() {
        Backends.Options o = Backends.Options.of("auto", 7);
        List<String> said = new ArrayList<>();
        try (Backend b = Backends.open(Backends.choose(o, DOCKER, WHERE), o, said::add, REFUSING)) {
            assertThat(b).isInstanceOf(EmbeddedBackend.class);
            assertThat(b.stamp()).containsEntry("seed", "7");
            assertThat(said).singleElement().asString()
                    .startsWith("auto: the k3s cluster could not start, so this lesson runs on the embedded mesh instead.")
                    .contains("refused or limited a privileged container", "--backend kubeconfig", "--backend k3s", "--backend embedded")
                    .doesNotContain("\n");
            assertThat(b.fallbackReason()).as("for the article: the first line of the reason, not the log")
                    .hasValueSatisfying(why -> assertThat(why)
                            .startsWith("the k3s cluster could not start: Could not start the k3s cluster (rancher/k3s:v1.33.5-k3s1)")
                            .contains("privileged container").doesNotContain("<cgroup>"));
        }
    }

    @Test
    void explicitK3sThatCannotStartFailsWithTheWholeReason() {
        Backends.Options o = Backends.Options.of("k3s", 1);
        assertThatThrownBy(() -> Backends.open(Backends.choose(o, DOCKER, WHERE), o, line -> { throw new AssertionError(line); }, REFUSING))
                .isInstanceOf(BackendException.class).hasMessage(REFUSED);
    }

    @Test
    void autoWithoutDockerPutsItsReasonInTheArticle() {
        Backends.Options o = Backends.Options.of("auto", 1);
        Backends.Choice c = Backends.choose(o, NO_DOCKER, WHERE);
        try (Backend b = Backends.open(c, o, line -> {}, settings -> { throw new AssertionError("k3s must not start"); })) {
            assertThat(b.fallbackReason()).contains(c.reason());
        }
        try (Backend b = Backends.open(c, Backends.Options.of("embedded", 1), line -> {})) {
            assertThat(b.fallbackReason()).as("embedded as asked needs no explanation").isEmpty();
        }
    }

    @Test
    void autoFallsBackToEmbeddedWithTheReasonOnOneLine() {
        Backends.Choice c = Backends.choose(Backends.Options.of("auto", 1), NO_DOCKER, WHERE);
        assertThat(c.backend()).isEqualTo("embedded");
        assertThat(c.reason()).isEqualTo("auto: no Docker engine answered (" + WHERE + "), using the embedded mesh. "
                + "For real Istio on k3s, start Docker and check that `docker info` works");
        assertThat(c.reason()).doesNotContain("\n");
    }

    @Test
    void nullBackendMeansAuto() {
        Backends.Options o = new Backends.Options(null, 1, null, null, null, false, false, null, null);
        assertThat(Backends.choose(o, NO_DOCKER, WHERE).backend()).isEqualTo("embedded");
    }

    @Test
    void k3sWithoutDockerFailsWithWhatToDo() {
        assertThatThrownBy(() -> Backends.choose(Backends.Options.of("k3s", 1), NO_DOCKER, WHERE))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("no Docker engine answered (" + WHERE + ")")
                .hasMessageContaining("docker info")
                .hasMessageContaining("--backend embedded")
                .hasMessageContaining("--backend kubeconfig");
    }

    @Test
    void k3sWithDockerIsChosen() {
        assertThat(Backends.choose(Backends.Options.of("k3s", 1), DOCKER, WHERE).backend()).isEqualTo("k3s");
    }

    @Test
    void embeddedAndKubeconfigNeverAskDocker() {
        assertThat(Backends.choose(Backends.Options.of("embedded", 1), MUST_NOT_ASK, WHERE).backend()).isEqualTo("embedded");
        Backends.Options kc = new Backends.Options("kubeconfig", 1, null, Path.of("/tmp/kc.yaml"), "kind-istio", false, false, null, null);
        Backends.Choice c = Backends.choose(kc, MUST_NOT_ASK, WHERE);
        assertThat(c.backend()).isEqualTo("kubeconfig");
        assertThat(c.reason()).contains("context kind-istio").contains("/tmp/kc.yaml");
    }

    @Test
    void unknownBackendIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> Backends.choose(Backends.Options.of("minikube", 1), DOCKER, WHERE))
                .isInstanceOf(BackendException.class)
                .hasMessageContaining("minikube")
                .hasMessageContaining("auto, embedded, k3s, kubeconfig");
    }

    @Test
    void reuseWithoutDockerIsMentionedAsK3sOnly() {
        Backends.Options o = new Backends.Options("auto", 1, null, null, null, false, true, null, null);
        assertThat(Backends.choose(o, NO_DOCKER, WHERE).reason()).contains("; --reuse applies to k3s only");
    }

    @Test
    void embeddedIsOpenedWithSeedAndNamespace() {
        Backends.Options o = new Backends.Options("embedded", 42, "lesson-ns", null, null, false, false, null, null);
        try (Backend b = Backends.open(Backends.choose(o, MUST_NOT_ASK, WHERE), o, line -> {})) {
            assertThat(b).isInstanceOf(EmbeddedBackend.class);
            assertThat(b.namespace()).isEqualTo("lesson-ns");
            assertThat(b.stamp()).containsEntry("seed", "42");
        }
        try (Backend b = Backends.open(new Backends.Choice("embedded", ""), Backends.Options.of("embedded", 1), line -> {})) {
            assertThat(b.namespace()).isEqualTo("default");
        }
    }

    @Test
    void dockerWhereaboutsAreDescribed() {
        assertThat(Backends.Docker.describeEnvironment(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), p -> false))
                .isEqualTo("DOCKER_HOST=tcp://10.0.0.5:2375");
        assertThat(Backends.Docker.describeEnvironment(Map.of(), p -> false)).isEqualTo(WHERE);
        assertThat(Backends.Docker.describeEnvironment(Map.of(), p -> true))
                .isEqualTo("DOCKER_HOST is not set, /var/run/docker.sock exists but did not answer");
    }

    /** The real check, on a machine without Docker: --backend k3s must fail within seconds, not hang. */
    @Test
    void k3sFailsFastWhereNoDockerAnswers() {
        Assumptions.assumeFalse(Backends.dockerAnswers(), "a Docker engine answers here, so there is no 'no Docker' failure to see");
        long t0 = System.nanoTime();
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> Backends.select(Backends.Options.of("k3s", 1)))
                        .isInstanceOf(BackendException.class)
                        .hasMessageContaining("no Docker engine answered"));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    }
}
