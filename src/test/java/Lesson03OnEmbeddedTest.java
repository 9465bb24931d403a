import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;

/** Lesson 03 on the embedded mesh: what CI runs end to end. */
@RunsLesson(value = Lesson03TrafficManagement.class, backend = "embedded", args = {"--seed", "20261128", "--requests", "2000"})
class Lesson03OnEmbeddedTest extends Lesson03Contract {

    @Test
    void saysWhichBackendAndSeedItUsed(Ran run) {
        assertThat(run.console()).contains("backend: embedded", "seed 20261128");
    }

    @Test
    void articleSaysItRanOnTheEmulatorAndStampsTheRun(Ran run) {
        assertThat(run.html())
                .contains("組み込みメッシュ(エミュレータ)", "--backend k3s", "20261128", "Istio 1.28 + Envoy, Bookinfo 1.20.3")
                .doesNotContainPattern("<link[^>]+fonts.googleapis.com");
    }
}
