package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import workbench.istio.VirtualService;
import workbench.manifest.Manifests;

/** Lesson 03's per-step manifests are exactly what the canary command would apply at those weights. */
class CanaryRouteTest {
    @ParameterizedTest
    @ValueSource(ints = {0, 10, 20, 50, 100})
    void lessonManifestsAreTheTemplateAtEachWeight(int weight) throws Exception {
        Path file = Path.of("manifests/reviews-canary-" + weight + ".yaml");
        assertThat(Files.readString(file)).isEqualTo(CanaryRoute.yaml("reviews", "v1", "v3", weight));
        VirtualService vs = VirtualService.read(Manifests.load(file).get(0), "default");
        assertThat(vs.http().get(0).route()).extracting(d -> d.destination().subset() + "=" + d.weight())
                .containsExactly("v1=" + (100 - weight), "v3=" + weight);
    }
}
