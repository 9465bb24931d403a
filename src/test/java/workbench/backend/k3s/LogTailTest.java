package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.output.OutputFrame;

class LogTailTest {

    @Test
    void keepsOnlyTheLastLinesAndSkipsBlankOnes() {
        LogTail tail = new LogTail(2);
        for (String line : new String[] {"starting k3s", "", "cgroup v2 not mounted", "level=fatal msg=\"no space left on device\""}) {
            tail.accept(new OutputFrame(OutputFrame.OutputType.STDERR, (line + "\n").getBytes()));
        }
        assertThat(tail.text()).isEqualTo("cgroup v2 not mounted\nlevel=fatal msg=\"no space left on device\"");
    }
}
