package workbench.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.manifest.Manifests;
import workbench.mesh.MeshRequest;

class ExpectedSplitTest {
    private static final MeshRequest PLAIN = MeshRequest.get("http://reviews:9080/reviews/0", Map.of());

    @TempDir
    Path dir;

    @Test
    void readsTheLessonsCanaryAsEightyTwentyByVersionLabel() {
        ExpectedSplit split = ExpectedSplit.of(vs(Path.of("manifests/reviews-canary.yaml")), dr(), PLAIN);
        assertThat(split.shares()).containsOnly(entry("v1", 0.8), entry("v3", 0.2));
    }

    @Test
    void aLoneDestinationWithoutWeightGetsEverything() {
        ExpectedSplit split = ExpectedSplit.of(vs(Path.of("manifests/reviews-v1-only.yaml")), dr(), PLAIN);
        assertThat(split.shares()).containsOnly(entry("v1", 1.0));
    }

    @Test
    void aLoneDestinationGetsEverythingEvenWithWeightZero() throws IOException {
        ExpectedSplit split = ExpectedSplit.of(vs(write("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route: [{destination: {host: reviews, subset: v2}, weight: 0}]
                """)), dr(), PLAIN);
        assertThat(split.shares()).containsOnly(entry("v2", 1.0));
    }

    @Test
    void weightsAreRelativeAndZeroGetsNothing() throws IOException {
        ExpectedSplit split = ExpectedSplit.of(vs(write("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - {destination: {host: reviews, subset: v1}, weight: 1}
                    - {destination: {host: reviews, subset: v2}, weight: 3}
                    - {destination: {host: reviews, subset: v3}, weight: 0}
                """)), dr(), PLAIN);
        assertThat(split.shares()).containsOnly(entry("v1", 0.25), entry("v2", 0.75), entry("v3", 0.0));
    }

    @Test
    void theFirstRuleThatMatchesAPlainRequestDecides() throws IOException {
        ExpectedSplit split = ExpectedSplit.of(vs(write("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - match: [{headers: {end-user: {exact: jason}}}]
                    route: [{destination: {host: reviews, subset: v2}}]
                  - route: [{destination: {host: reviews, subset: v3}}]
                """)), dr(), PLAIN);
        assertThat(split.shares()).containsOnly(entry("v3", 1.0));
    }

    @Test
    void aSubsetNoDestinationRuleDefinesKeepsItsNameSoTheExpectationStillSaysWhatWasAsked() throws IOException {
        ExpectedSplit split = ExpectedSplit.of(vs(write("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route: [{destination: {host: reviews, subset: v4}}]
                """)), dr(), PLAIN);
        assertThat(split.shares()).containsOnly(entry("v4", 1.0));
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("vs.yaml"), yaml);
    }

    private static VirtualService vs(Path file) {
        return VirtualService.read(Manifests.load(file).get(0), "default");
    }

    private static Optional<DestinationRule> dr() {
        return Optional.of(DestinationRule.read(Manifests.load(Path.of("manifests/reviews-destination-rule.yaml")).get(0), "default"));
    }
}
