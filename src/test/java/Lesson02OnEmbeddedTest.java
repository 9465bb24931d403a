import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;

/** Lesson 02 on the embedded mesh: what CI runs end to end. */
@RunsLesson(value = Lesson02Observability.class, backend = "embedded", args = {"--seed", "20261130"})
class Lesson02OnEmbeddedTest extends Lesson02Contract {

    @Test
    void saysWhichBackendAndSeedItUsed(Ran run) {
        assertThat(run.console()).contains("backend: embedded", "seed 20261130");
    }

    @Test
    void addonsAreTheEmbeddedMeshAnsweringTheApiSubsetOnLoopback(Ran run) {
        assertThat(run.html()).containsPattern("embedded mesh: Prometheus API subset at http://127\\.0\\.0\\.1:\\d+/api/v1/query")
                .containsPattern("embedded mesh: Jaeger API subset at http://127\\.0\\.0\\.1:\\d+/jaeger/api/traces");
    }

    @Test
    void articleSaysItRanOnTheEmulatorAndStampsTheRun(Ran run) {
        assertThat(run.html()).contains("20261130", "Istio 1.28 + Envoy, Bookinfo 1.20.3")
                .doesNotContainPattern("<link[^>]+fonts.googleapis.com");
    }
}
