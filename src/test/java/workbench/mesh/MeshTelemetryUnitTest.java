package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who reports what (istio.io, "Istio Standard Metrics"; the stats filter runs in each istio-proxy): a pod without a
 * sidecar reports nothing, and a callee with one sees a sidecar-less caller as {@code unknown}.
 */
class MeshTelemetryUnitTest {
    private final Registry registry = new Registry();
    private final MeshTelemetry telemetry = new MeshTelemetry(registry);
    private final Pod withSidecar = new Pod("reviews-v3-abcdefghij-klmno", "default", Map.of("app", "reviews", "version", "v3"), null, true);
    private final Pod without = new Pod("legacy-v1-abcdefghij-klmno", "default", Map.of("app", "legacy", "version", "v1"), null, false);

    @Test
    void workloadIsTheDeploymentName() {
        assertThat(MeshTelemetry.workload("reviews-v3-7f9c8d6b5c-x2x9q")).isEqualTo("reviews-v3");
        assertThat(MeshTelemetry.workload("fortio-deploy-7f9c8d6b5c-x2x9q")).isEqualTo("fortio-deploy");
    }

    @Test
    void aCalleeWithoutASidecarReportsNothing() {
        telemetry.destination(withSidecar, without, MeshRequest.get("http://legacy:9080/", Map.of()), 200, "-", System.nanoTime());
        assertThat(telemetry.of(without.name()).exposition()).doesNotContain("istio_requests_total{");
    }

    @Test
    void aCallerWithoutASidecarIsUnknownToTheCallee() {
        registry.add(new KubeService("reviews", "default", 9080, Map.of("app", "reviews")));
        telemetry.destination(without, withSidecar, MeshRequest.get("http://reviews:9080/reviews/0", Map.of()), 200, "-", System.nanoTime());
        assertThat(telemetry.of(withSidecar.name()).exposition()).contains(
                "reporter=\"destination\"", "source_workload=\"unknown\"", "destination_workload=\"reviews-v3\"",
                "destination_service=\"reviews.default.svc.cluster.local\"", "response_flags=\"-\"");
    }

    @Test
    void aCallerWithoutASidecarReportsNoSourceMetrics() {
        telemetry.source(without, "reviews.default.svc.cluster.local", withSidecar, 200, "-", System.nanoTime());
        assertThat(telemetry.of(without.name()).exposition()).doesNotContain("istio_requests_total{");
    }
}
