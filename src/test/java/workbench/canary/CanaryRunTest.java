package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.Manifests;
import workbench.telemetry.Scrape;
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

    /** Before its first step the canary gets nothing: the stable subset serves the warm-up (Flagger's initialisation). */
    @Test
    void initialisingRoutesTheWarmUpToTheStableSubsetOnly() throws Exception {
        try (EmbeddedBackend backend = new EmbeddedBackend(13, "default")) {
            backend.enableInjection();
            backend.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml")));
            backend.apply(Manifests.load(Path.of("manifests/reviews-destination-rule.yaml"))); // subsets only: Istio spreads over all three
            new CanaryRun(backend, SPEC, Criteria.of(99, 500), routes).initialise();

            Map<String, String> metrics = new LinkedHashMap<>();
            backend.pods().stream().filter(p -> p.name().startsWith("reviews-")).forEach(p -> metrics.put(p.name(), backend.podMetrics(p.name())));
            Scrape reviews = Scrape.of(metrics);
            assertThat(reviews.requests(Map.of("reporter", "destination", "destination_version", "v1"))).isEqualTo(SPEC.requestsPerInterval());
            assertThat(reviews.requests(Map.of("reporter", "destination", "destination_version", "v2"))).isZero();
            assertThat(reviews.requests(Map.of("reporter", "destination", "destination_version", "v3"))).isZero();
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
