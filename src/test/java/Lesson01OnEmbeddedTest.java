import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;

/** Lesson 01 on the embedded mesh: what CI runs end to end. */
@RunsLesson(value = Lesson01SidecarInjection.class, backend = "embedded", args = {"--seed", "20261130"})
class Lesson01OnEmbeddedTest extends Lesson01Contract {

    @Test
    void articleSaysItRanOnTheEmulator(Ran run) {
        assertThat(run.html()).contains("組み込みメッシュ(エミュレータ)", "20261130");
    }

    @Test
    void theEnglishEditionHasItsOwnProseAndTheSameChecks() {
        Ran en = LessonRunExtension.run(Lesson01SidecarInjection.lesson(), "--backend", "embedded", "--seed", "20261130",
                "--lang", "en", "--out", "target/lesson-tests/lesson01-en");
        assertThat(en.result().exitCode()).as(en.console()).isEqualTo(LessonResult.PASSED);
        assertThat(en.result().checks()).hasSize(CHECKS);
        assertThat(en.html()).contains("Istio hands-on 01: sidecar injection", "Label the namespace for injection",
                "READY per pod, before and after recreating").doesNotContain("サイドカー注入");
    }
}
