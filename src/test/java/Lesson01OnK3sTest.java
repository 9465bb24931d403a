import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import workbench.backend.Backends;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;

/**
 * Lesson 01 on a throwaway k3s with real Istio: the same contract as on the embedded mesh, with the real nginx and
 * curl images and the real injection webhook. Needs Docker with privileged containers; skipped, with that reason,
 * where no Docker engine answers.
 */
@EnabledIf(value = "dockerAnswers", disabledReason = "no Docker engine here: lesson 01 on k3s needs Docker with privileged containers")
@RunsLesson(value = Lesson01SidecarInjection.class, backend = "k3s")
class Lesson01OnK3sTest extends Lesson01Contract {

    static boolean dockerAnswers() { return Backends.dockerAnswers(); }

    @Test
    void articleSaysItRanOnRealIstio(Ran run) {
        assertThat(run.html()).doesNotContain("組み込みメッシュ(エミュレータ)").contains("k3s", "istio");
    }
}
