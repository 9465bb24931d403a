import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;
import workbench.testing.StartsK3s;

/**
 * Lesson 01 on a throwaway k3s with real Istio: the same contract as on the embedded mesh, with the real nginx and
 * curl images and the real injection webhook. Needs Docker with privileged containers; runs only with
 * {@code mvn test -Pk3s} (skipped otherwise, with that reason).
 */
@StartsK3s
@RunsLesson(value = Lesson01SidecarInjection.class, backend = "k3s")
class Lesson01OnK3sTest extends Lesson01Contract {

    @Test
    void articleSaysItRanOnRealIstio(Ran run) {
        assertThat(run.html()).doesNotContain("組み込みメッシュ(エミュレータ)").contains("k3s", "istio");
    }
}
