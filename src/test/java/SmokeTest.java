import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import workbench.backend.choice.Backends;
import workbench.smoke.SmokeCommand;

/** {@code jbang smoke@catalog} where no Docker answers (as on CI): the lesson stops at once, and the report still comes out. */
class SmokeTest {

    @Test
    void withoutDockerTheSmokeRunReportsTheErrorAndExitsTwo() throws Exception {
        Assumptions.assumeFalse(Backends.dockerAnswers(), "a Docker engine answers here: the smoke run would start a real cluster");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int exit = SmokeCommand.run(Lesson03TrafficManagement.lesson(), new PrintStream(buf, true, StandardCharsets.UTF_8));
        String out = buf.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(2);
        assertThat(out).contains("### istio-workbench smoke report (lesson03 on k3s)", "result: ERROR (exit 2)",
                "--backend k3s needs Docker", "  docker: no answer", "(nothing recorded: the cluster did not get that far)");
    }
}
