package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flagger's documented canary analysis (docs.flagger.app, usage/deployment-strategies "Canary Release": "halt
 * advancement if a metric is under the specified threshold; increment the failed checks counter; check if the number
 * of failed checks reached the threshold: route all traffic to primary ... mark it as failed"; "promote canary" after
 * the last step; usage/metrics: a query that returns no values fails the check). Each row: steps, threshold, the
 * checks' outcomes in order, then the weights the intervals ran at, the decisions, and the end.
 */
class CanaryStateMachineTest {
    static Stream<Arguments> flagger() {
        return Stream.of(
                Arguments.of("every check passes: advance through the steps, then promote",
                        List.of(10, 20, 50), 2, "PPP", List.of(10, 20, 50), "advance advance promote", Phase.SUCCEEDED, 100, 0),
                Arguments.of("a failure holds the weight; the next pass advances",
                        List.of(10, 20, 50), 2, "PFPP", List.of(10, 20, 20, 50), "advance hold advance promote", Phase.SUCCEEDED, 100, 1),
                Arguments.of("failures accumulate over the run, never reset by a pass: rollback at the threshold",
                        List.of(10, 20, 50), 2, "FPF", List.of(10, 10, 20), "hold advance rollback", Phase.FAILED, 0, 2),
                Arguments.of("no data is a failed check: two intervals without canary traffic roll back at threshold 2",
                        List.of(10, 20, 50), 2, "NN", List.of(10, 10), "hold rollback", Phase.FAILED, 0, 2),
                Arguments.of("threshold 1: the first failure rolls back",
                        List.of(5, 50), 1, "PF", List.of(5, 50), "advance rollback", Phase.FAILED, 0, 1),
                Arguments.of("a failure at the last step holds it; a pass there promotes",
                        List.of(10, 20), 3, "PFFP", List.of(10, 20, 20, 20), "advance hold hold promote", Phase.SUCCEEDED, 100, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flagger")
    void asFlaggerDocumentsIt(String why, List<Integer> steps, int threshold, String checks, List<Integer> weights,
                              String decisions, Phase end, int finalWeight, int failedChecks) {
        CanaryStateMachine machine = new CanaryStateMachine(steps, threshold);
        List<Integer> ranAt = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (char c : checks.toCharArray()) {
            ranAt.add(machine.canaryWeight());
            boolean passed = c == 'P'; // 'F' failed, 'N' no data: both fail the interval
            said.add(machine.checked(passed).label());
        }
        assertThat(ranAt).isEqualTo(weights);
        assertThat(String.join(" ", said)).isEqualTo(decisions);
        assertThat(machine.phase()).isEqualTo(end);
        assertThat(machine.canaryWeight()).isEqualTo(finalWeight);
        assertThat(machine.failedChecks()).isEqualTo(failedChecks);
    }

    @org.junit.jupiter.api.Test
    void anEndedAnalysisTakesNoMoreChecks() {
        CanaryStateMachine machine = new CanaryStateMachine(List.of(50), 1);
        machine.checked(true);
        assertThatThrownBy(() -> machine.checked(true)).hasMessageContaining("already ended: Succeeded");
    }
}
