package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jbang mesh@catalog validate|probe} as a user types it. */
class MeshCommandTest {
    private static final String DR = "manifests/reviews-destination-rule.yaml";

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run mesh(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = MeshCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String yaml) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "vs", ".yaml"), yaml);
    }

    @Test
    void validateAcceptsTheLessonsManifests() {
        Run run = mesh("validate", "-f", DR, "manifests/reviews-canary.yaml");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("valid: 2 document(s), 0 error(s), 0 warning(s)");
    }

    @Test
    void validateRefusesWhatIstioRefusesInIstiosWords() throws IOException {
        Path bad = file("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - {destination: {host: reviews, subset: v1}, weight: 0}
                    - {destination: {host: reviews, subset: v3}, weight: 0}
                """);
        Run run = mesh("validate", "-f", DR, bad.toString());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("error: ", "(VirtualService reviews)", "total destination weight = 0", "invalid: 2 document(s), 1 error(s)");
    }

    @Test
    void validateWarnsAboutAnUndefinedSubsetAndAFieldTheEmulatorDoesNotModel() throws IOException {
        Path vs = file("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - corsPolicy: {allowOrigins: [{exact: "https://example.com"}]}
                    route: [{destination: {host: reviews, subset: v4}}]
                """);
        Run run = mesh("validate", "-f", DR, vs.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("analyze: Error [IST0101] (VirtualService default/reviews) Referenced host+subset in destinationrule not found: \"reviews+v4\"", "\"reviews+v4\"", "corsPolicy", "not modelled by the embedded mesh");
    }

    @Test
    void probePrintsExactlyOneJsonObject() throws IOException {
        Run run = mesh("probe", "-f", DR, "manifests/reviews-v1-only.yaml", "--requests", "40", "--seed", "5", "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(run.out().strip().lines()).hasSize(1);
        assertThat(json.path("requests").asInt()).isEqualTo(40);
        assertThat(json.path("status").path("200").asInt()).isEqualTo(40);
        assertThat(json.path("reviews").path("v1").asInt()).isEqualTo(40);
        assertThat(json.path("reviews").path("v2").asInt()).isZero();
        assertThat(json.path("reviews").path("unavailable").asInt()).isZero();
        assertThat(json.path("ratings").path("none").asInt()).isEqualTo(40);
        assertThat(json.path("ratings").has("black")).isTrue();
        assertThat(json.path("seconds").isNumber()).isTrue();
    }

    @Test
    void probeSendsAHundredRequestsByDefaultAndPrintsExactlyTheDocumentedKeys() throws IOException {
        Run run = mesh("probe", "-f", DR, "manifests/reviews-v1-only.yaml", "--json", "--seed", "3");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("requests").asInt()).isEqualTo(100);
        assertThat(fieldNames(json)).containsExactly("requests", "status", "reviews", "ratings", "seconds");
        assertThat(fieldNames(json.path("reviews"))).containsExactly("v1", "v2", "v3", "unavailable");
        assertThat(fieldNames(json.path("ratings"))).containsExactly("black", "red", "none", "unavailable");
        assertThat(run.err()).contains("seed 3");
    }

    @Test
    void probeCountsTheRatingsErrorWhenRatingsIsAborted() throws IOException {
        Path v2AndAbort = file("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route: [{destination: {host: reviews, subset: v2}}]
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: ratings}
                spec:
                  hosts: [ratings]
                  http:
                  - fault: {abort: {percentage: {value: 100}, httpStatus: 500}}
                    route: [{destination: {host: ratings}}]
                """);
        JsonNode json = new ObjectMapper().readTree(mesh("probe", "-f", DR, v2AndAbort.toString(), "--requests", "10", "--json").out());
        assertThat(json.path("reviews").path("v2").asInt()).isEqualTo(10);
        assertThat(json.path("ratings").path("unavailable").asInt()).isEqualTo(10);
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void probeLoggedInAsJasonFollowsTheEndUserRule() throws IOException {
        Path jason = file("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - route: [{destination: {host: reviews, subset: v1}}]
                """);
        JsonNode loggedIn = new ObjectMapper().readTree(mesh("probe", "-f", DR, jason.toString(), "--requests", "20", "--user", "jason", "--json").out());
        JsonNode spoofed = new ObjectMapper().readTree(mesh("probe", "-f", DR, jason.toString(), "--requests", "20", "--header", "end-user=jason", "--json").out());

        assertThat(loggedIn.path("reviews").path("v2").asInt()).isEqualTo(20);
        assertThat(loggedIn.path("ratings").path("black").asInt()).isEqualTo(20);
        // productpage does not forward an incoming end-user header: only a login counts
        assertThat(spoofed.path("reviews").path("v1").asInt()).isEqualTo(20);
    }

    @Test
    void probeRefusesInvalidConfigurationAndRunsNothing() throws IOException {
        Path bad = file("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route: [{destination: {host: reviews, subset: v1}, weight: -1}]
                """);
        Run run = mesh("probe", "-f", bad.toString(), "--json");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("weight -1 < 0").doesNotContain("Exception");
    }

    @Test
    void aMissingFileIsOneShortError() {
        Run run = mesh("probe", "-f", "nope.yaml");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: nope.yaml: no such file").doesNotContain("\tat ");
    }
}
