import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;
import workbench.testing.StartsK3s;

/**
 * Lesson 03 on a throwaway k3s with real Istio: the same contract as on the embedded mesh. Needs Docker
 * with privileged containers; runs only with {@code mvn test -Pk3s}.
 */
@StartsK3s
@RunsLesson(value = Lesson03TrafficManagement.class, backend = "k3s", args = {"--requests", "2000"})
class Lesson03OnK3sTest extends Lesson03Contract {

    @Test
    void articleSaysItRanOnRealIstio(Ran run) {
        assertThat(run.html()).doesNotContain("組み込みメッシュ(エミュレータ)").contains("k3s", "istio");
    }
}
