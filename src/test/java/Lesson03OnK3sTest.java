import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import workbench.backend.Backends;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;

/**
 * Lesson 03 on a throwaway k3s with real Istio: the same contract as on the embedded mesh. Needs Docker
 * with privileged containers; skipped, with that reason, where no Docker engine answers.
 */
@EnabledIf(value = "dockerAnswers", disabledReason = "no Docker engine here: lesson 03 on k3s needs Docker with privileged containers")
@RunsLesson(value = Lesson03TrafficManagement.class, backend = "k3s", args = {"--requests", "2000"})
class Lesson03OnK3sTest extends Lesson03Contract {

    static boolean dockerAnswers() { return Backends.dockerAnswers(); }

    @Test
    void articleSaysItRanOnRealIstio(Ran run) {
        assertThat(run.html()).doesNotContain("組み込みメッシュ(エミュレータ)").contains("k3s", "istio");
    }
}
