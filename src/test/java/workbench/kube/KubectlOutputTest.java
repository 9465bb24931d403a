package workbench.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * kubectl's -o custom-columns and -o jsonpath on one object (kubernetes.io, kubectl reference "Output options" and
 * "JSONPath Support"): a column's several values joined by commas, a missing one printed as {@code <none>}; a
 * jsonpath template's several values joined by spaces, a missing one printed as nothing.
 */
class KubectlOutputTest {
    static final JsonNode INJECTED = json("""
            {"metadata":{"name":"nginx","uid":"u-1"},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1.27.5"}],
                     "initContainers":[{"name":"istio-init","image":"docker.io/istio/proxyv2:1.28.10"},
                                       {"name":"istio-proxy","image":"docker.io/istio/proxyv2:1.28.10","restartPolicy":"Always"}]}}""");
    static final JsonNode PLAIN = json("""
            {"metadata":{"name":"curl"},"spec":{"containers":[{"name":"curl","image":"curlimages/curl:8.11.1"}]}}""");

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {.spec.initContainers[?(@.name=="istio-proxy")].restartPolicy} | injected | Always
            {.spec.initContainers[?(@.name=="istio-proxy")].restartPolicy} | plain    | ''
            {.spec.initContainers[*].name}                                  | injected | istio-init istio-proxy
            {.spec.containers[*].name}                                      | injected | nginx
            {.spec.containers[0].image}                                     | plain    | curlimages/curl:8.11.1
            {.metadata.name}                                                | plain    | curl
            """)
    void jsonpathPrintsTheValuesSpaceSeparated(String template, String which, String printed) {
        assertThat(KubectlOutput.jsonpath(template, which.equals("injected") ? INJECTED : PLAIN)).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', textBlock = """
            NAME:.metadata.name,INIT:.spec.initContainers[*].name | injected | NAME    INIT          | nginx   istio-init,istio-proxy
            NAME:.metadata.name,INIT:.spec.initContainers[*].name | plain    | NAME   INIT           | curl   <none>
            CONTAINERS:.spec.containers[*].name,NAME:.metadata.name | plain  | CONTAINERS   NAME      | curl         curl
            """)
    void customColumnsPadColumnsAndJoinValuesWithCommas(String spec, String which, String header, String values) {
        assertThat(KubectlOutput.customColumns(spec, which.equals("injected") ? INJECTED : PLAIN))
                .containsExactly(header.stripTrailing(), values);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            .metadata.name                    | is not one {expression}
            {.metadata.name}{.metadata.uid}   | is not one {expression}
            {metadata.name}                   | must start with '.'
            """)
    void templatesOutsideTheSupportedSubsetAreRefusedByName(String template, String message) {
        assertThatThrownBy(() -> KubectlOutput.jsonpath(template, PLAIN)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    private static JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
