package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.Manifests;
import workbench.traffic.Observation;

/** Both of lesson 03's canary scenarios, end to end on the embedded mesh. */
class CanaryRunTest {
    @TempDir Path routes;

    private static EmbeddedBackend bookinfo(long seed) {
        EmbeddedBackend backend = new EmbeddedBackend(seed, "default");
        backend.enableInjection();
        backend.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml")));
        backend.apply(Manifests.load(Path.of("manifests/reviews-destination-rule.yaml"), Path.of("manifests/reviews-v1-only.yaml")));
        // warm, as a service under a canary is: the JVM's first requests are slow enough to disturb a P99 gate
        workbench.traffic.Probe.bulk(backend.productPage(), "/productpage", java.util.Map.of(), 200, 4);
        return backend;
    }

    private static final CanarySpec SPEC = new CanarySpec("reviews", "v1", "v3", List.of(10, 20, 50), 2, 100, 10);

    @Test
    void aHealthyCanaryIsPromotedStepByStep() throws Exception {
        try (EmbeddedBackend backend = bookinfo(11)) {
            CanaryReport report = new CanaryRun(backend, SPEC, Criteria.of(99, 500), routes).run(s -> { });
            // a shared machine can stall one interval past the P99 limit; threshold 2 tolerates one such hold, as Flagger would
            assertThat(report.steps()).extracting(StepReport::canaryWeight).containsSubsequence(10, 20, 50).isSorted();
            assertThat(report.steps()).filteredOn(StepReport::passed).extracting(StepReport::decision)
                    .containsExactly(Decision.ADVANCE, Decision.ADVANCE, Decision.PROMOTE);
            assertThat(report.steps()).filteredOn(s -> !s.passed()).allMatch(s -> s.decision() == Decision.HOLD);
            assertThat(report.phase()).isEqualTo(Phase.SUCCEEDED);
            assertThat(report.finalCanaryWeight()).isEqualTo(100);
            for (int i = 0; i < 20; i++) {
                assertThat(Observation.fromPage(200, backend.productPage().get("/productpage", java.util.Map.of()).body()).reviews())
                        .isEqualTo("v3");
            }
        }
    }

    @Test
    void aCanarySlowedByARatingsDelayIsRolledBackAtTheThreshold() throws Exception {
        try (EmbeddedBackend backend = bookinfo(12)) {
            backend.apply(Manifests.load(Path.of("manifests/ratings-delay-reviews-v3.yaml")));
            CanaryReport report = new CanaryRun(backend, SPEC, Criteria.of(99, 500), routes).run(s -> { });
            assertThat(report.steps()).extracting(StepReport::canaryWeight).containsExactly(10, 10);
            assertThat(report.steps()).extracting(StepReport::decision).containsExactly(Decision.HOLD, Decision.ROLLBACK);
            assertThat(report.steps().get(0).gates()).filteredOn(g -> g.name().equals(Gate.DURATION)).allMatch(g -> !g.passed());
            assertThat(report.phase()).isEqualTo(Phase.FAILED);
            assertThat(report.finalCanaryWeight()).isZero();
        }
    }
}
