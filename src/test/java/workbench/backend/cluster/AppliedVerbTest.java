package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kubectl's verbs from the API server's answers: resourceVersion changes on every write that changes an object
 * and only then (Kubernetes API concepts, "Resource versions"), so an apply that changed nothing keeps it.
 */
class AppliedVerbTest {
    @ParameterizedTest(name = "before {0}, after {1} → {2}")
    @CsvSource(nullValues = "null", value = {"null, 1001, created", "1001, 1001, unchanged", "1001, 1002, configured"})
    void verbs(String before, String after, String verb) {
        assertThat(AppliedVerb.of(before, after)).isEqualTo(verb);
    }
}
