import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;

/** Lesson 04 on the embedded mesh: what CI runs end to end. */
@RunsLesson(value = Lesson04CircuitBreakingAndGateway.class, backend = "embedded", args = {"--seed", "20261130"})
class Lesson04OnEmbeddedTest extends Lesson04Contract {

    @Test
    void everyFiveOhThreeIsAnOverflowInTheAccessLog(Ran run) {
        // the embedded sidecar always writes its access log, so the UO check runs once per load
        assertThat(run.result().checks()).filteredOn(c -> c.claim().contains("UO")).hasSize(3);
    }
}
