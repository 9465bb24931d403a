package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.manifest.Document;

/**
 * What kubectl prints when {@code kubectl apply -f manifests/x.yaml} is refused. The webhook text is istiod's
 * "configuration is invalid: %v" behind the API server's "admission webhook %q denied the request" (no Reason, so
 * "Error from server:" without a bracket); several errors use go-multierror's list format.
 */
class RejectionMessageTest {

    private static final String SOURCE = "manifests/x.yaml";

    private static Document vs(String httpRule) {
        return Fixtures.vs("hosts: [reviews]\nhttp:\n- " + httpRule.strip().replace("\n", "\n  ") + "\n");
    }

    private static final String TWO = "route:\n- destination: {host: reviews, subset: v1}\n  weight: %s\n"
            + "- destination: {host: reviews, subset: v3}\n  weight: %s\n";

    static Stream<Arguments> cases() {
        return Stream.of(
            arguments("one webhook error", List.of(vs(TWO.formatted(0, 0))),
                "Error from server: error when creating \"manifests/x.yaml\": admission webhook \"validation.istio.io\" "
                    + "denied the request: configuration is invalid: total destination weight = 0\n"),
            // go-multierror ListFormatFunc for two errors
            arguments("two webhook errors", List.of(vs(TWO.formatted(105, -5) + "timeout: 1500us")),
                "Error from server: error when creating \"manifests/x.yaml\": admission webhook \"validation.istio.io\" "
                    + "denied the request: configuration is invalid: 2 errors occurred:\n\t* weight -5 < 0\n"
                    + "\t* only durations to ms precision are supported\n\n"),
            // validateHTTPRetry appends with multierror.Append directly: a lone error still prints as a list
            arguments("wrapped lone error", List.of(vs("route:\n- destination: {host: reviews}\nretries: {attempts: -1}")),
                "Error from server: error when creating \"manifests/x.yaml\": admission webhook \"validation.istio.io\" "
                    + "denied the request: configuration is invalid: 1 error occurred:\n\t* attempts cannot be negative\n\n"),
            // API server: a CRD schema error (kubectl's "The %s %q is invalid" form)
            arguments("one schema error", List.of(vs("route:\n- destination: {host: reviews}\ntimeout: 0s")),
                "The VirtualService \"reviews\" is invalid: spec.http[0].timeout: Invalid value: \"string\": "
                    + "must be a valid duration greater than 1ms\n"),
            arguments("two schema errors", List.of(vs("route:\n- destination: {host: reviews}\ntimeout: 0s\nretries: {attempts: 2, perTryTimeout: 0s}")),
                "The VirtualService \"reviews\" is invalid: \n"
                    + "* spec.http[0].timeout: Invalid value: \"string\": must be a valid duration greater than 1ms\n"
                    + "* spec.http[0].retries.perTryTimeout: Invalid value: \"string\": must be a valid duration greater than 1ms\n"),
            arguments("strict decoding", List.of(vs("route:\n- destination: {host: reviews}\n  weights: 100")),
                "Error from server (BadRequest): error when creating \"manifests/x.yaml\": VirtualService in version \"v1\" "
                    + "cannot be handled as a VirtualService: strict decoding error: unknown field \"spec.http[0].route[0].weights\"\n"),
            arguments("unknown API version", List.of(Fixtures.doc("apiVersion: networking.istio.io/v2\nkind: VirtualService\nmetadata: {name: reviews}\nspec: {hosts: [reviews]}\n")),
                "error: resource mapping not found for name: \"reviews\" namespace: \"\" from \"manifests/x.yaml\": "
                    + "no matches for kind \"VirtualService\" in version \"networking.istio.io/v2\"\nensure CRDs are installed first\n"),
            // several refused documents: one line each, schema errors in the "(Invalid)" form
            arguments("two documents", List.of(vs(TWO.formatted(0, 0)), Fixtures.dr("ratings", "subsets: [{name: v1}]")),
                "Error from server: error when creating \"manifests/x.yaml\": admission webhook \"validation.istio.io\" "
                    + "denied the request: configuration is invalid: total destination weight = 0\n"
                    + "Error from server (Invalid): error when creating \"manifests/x.yaml\": "
                    + "DestinationRule.networking.istio.io \"ratings\" is invalid: spec.host: Required value\n"),
            // warnings alone refuse nothing
            arguments("warnings only", List.of(Fixtures.vs("hosts: [reviews]\nhttp:\n- route: [{destination: {host: reviews}}]\n- route: [{destination: {host: reviews}}]\n")), "")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kubectlText(String what, List<Document> docs, String expected) {
        assertThat(Validation.rejectionMessage(Validator.validate(docs), SOURCE)).isEqualTo(expected);
    }

    @Test
    void defaultSourceIsTheDocumentsFile() {
        var doc = Fixtures.doc("manifests/reviews-canary.yaml", 1, "apiVersion: networking.istio.io/v1\nkind: VirtualService\n"
                + "metadata: {name: reviews}\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination: {host: reviews}\n      weight: -5\n");
        var findings = Validator.validate(List.of(doc));
        assertThat(findings).singleElement().extracting(Finding::describe)
                .isEqualTo("reviews-canary.yaml, document 1 (VirtualService reviews), spec.http[0].route[0].weight: weight -5 < 0");
        assertThat(Validation.rejectionMessage(findings)).isEqualTo("Error from server: error when creating "
                + "\"manifests/reviews-canary.yaml\": admission webhook \"validation.istio.io\" denied the request: "
                + "configuration is invalid: weight -5 < 0\n");
    }

    @Test
    void warningsOfAcceptedDocumentsAsKubectlPrintsThem() {
        var findings = Validator.validate(List.of(
                Fixtures.vs("hosts: [reviews]\nhttp:\n- route: [{destination: {host: reviews}}]\n- route: [{destination: {host: reviews}}]\n"),
                Fixtures.vs("ratings", "hosts: [ratings]\nhttp:\n- route: [{destination: {host: ratings}}]\n  mirror: {host: ratings}\n  mirrorPercent: 200\n"
                        + "- route: [{destination: {host: ratings}}]\n")));
        assertThat(Validation.warningLines(findings))
                .containsExactly("Warning: virtualService rule #1 not used (only the last rule can have no matches)");
    }

    @Test
    void analyzerAndEmbeddedFindingsNeverRefuse() {
        var doc = Fixtures.vs("hosts: [reviews]\nhttp:\n- route: [{destination: {host: reviews, subset: v9}}]\n  corsPolicy: {allowMethods: [GET]}\n");
        var findings = new java.util.ArrayList<>(Validator.analyze(List.of(doc)));
        findings.addAll(Validator.unmodelled(doc));
        assertThat(findings).hasSize(2);
        assertThat(Validation.rejectionMessage(findings)).isEmpty();
    }
}
