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

    /** Envoy's short response flags (envoy/stream_info ResponseFlagUtils), in Envoy's order, "-" when none. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} → {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "NR (no route matched)               | 0 | NR",
            "FI (fault abort by reviews.default) | 0 | FI",
            "FI (fault abort by reviews.default) | 5 | DI,FI",
            "UH (no endpoints in reviews)         | 0 | UH",
            "NC (no cluster for reviews/v9)      | 0 | NC",
            "direct response by r                | 0 | -"})
    void localRepliesCarryTheirFlags(String reason, int delayMs, String flags) {
        SourceReport report = new SourceReport();
        report.localReply(new RouteDecision.LocalReply(503, "", reason.strip(), Map.of(), java.time.Duration.ofMillis(delayMs)));
        assertThat(report.flags(report.afterTries(MeshResponse.envoy(503, "")))).isEqualTo(flags);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} → {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "200 | ok                                                            | -",
            "504 | upstream request timeout                                      | UT",
            "503 | no healthy upstream                                           | UH",
            "503 | upstream connect error or disconnect/reset before headers. reset reason: connection failure | UF",
            "503 | upstream connect error or disconnect/reset before headers. retried and the latest reset reason: connection failure | UF,URX",
            "503 | upstream connect error or disconnect/reset before headers. reset reason: remote reset | UC"})
    void repliesAfterTriesCarryTheirFlags(int status, String body, String flags) {
        SourceReport report = new SourceReport();
        report.host = withSidecar;
        assertThat(report.flags(report.afterTries(MeshResponse.envoy(status, body.strip())))).isEqualTo(flags);
    }

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
