package workbench.fortio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.Manifests;
import workbench.mesh.AccessLog;
import workbench.mesh.EnvoyStats;

/**
 * Istio's "Circuit Breaking" task (istio.io/latest/docs/tasks/traffic-management/circuit-breaking/) on the embedded
 * mesh, with the series' DestinationRule (maxConnections 1, http1MaxPendingRequests 1, maxRequestsPerConnection 1):
 * fortio load from the fortio pod's sidecar, then the sidecar's own stats. The share of 503s depends on timing,
 * so these are the invariants: one connection never overflows; every 503 is an overflow (access-log flag UO,
 * Envoy's "upstream connection overflow") and is counted once in upstream_rq_pending_overflow; 200s plus 503s
 * are all the calls.
 */
class CircuitBreakingLoadTest {
    private static final String CLUSTER = "cluster.outbound|8000||httpbin.default.svc.cluster.local.";
    private EmbeddedBackend backend;

    @BeforeEach
    void httpbinWithABreaker() {
        backend = new EmbeddedBackend(20261130, "default");
        backend.enableInjection();
        backend.deploy(Manifests.load(Path.of("manifests/httpbin.yaml"), Path.of("manifests/fortio.yaml")));
        backend.apply(Manifests.load(Path.of("manifests/httpbin-circuit-breaker.yaml")));
    }

    @AfterEach
    void stop() { backend.close(); }

    @ParameterizedTest(name = "-c {0} -n {1}")
    @CsvSource({"1, 20", "2, 40", "3, 30"})
    void everyOverflowIsA503CountedInTheStats(int connections, int calls) {
        LoadReport report = LoadReport.parse(backend.fortioLoad(Load.calls(connections, 0, calls, "http://httpbin:8000/get")));
        String stats = backend.proxyStats("fortio-deploy");
        List<AccessLog.Entry> log = backend.proxyAccessLog("fortio-deploy").stream().map(AccessLog::parse).flatMap(Optional::stream).toList();

        assertThat(report.calls()).isEqualTo(calls);
        assertThat(report.count(200) + report.count(503)).as("200s plus 503s are all the calls").isEqualTo(calls);
        assertThat(EnvoyStats.value(stats, CLUSTER + "upstream_rq_pending_overflow")).hasValue(report.count(503));
        assertThat(EnvoyStats.value(stats, CLUSTER + "upstream_rq_200")).hasValue(report.count(200));
        assertThat(log).hasSize(calls);
        assertThat(log).filteredOn(e -> e.status() == 503).allSatisfy(e -> assertThat(e.flags()).isEqualTo("UO"));
        assertThat(log).filteredOn(e -> e.status() == 200).allSatisfy(e -> assertThat(e.flags()).isEqualTo("-"));
        if (connections == 1) assertThat(report.count(503)).as("one caller never waits behind another").isZero();
    }

    @org.junit.jupiter.api.Test
    void threeCallersOverflowTheOneConnection() {
        // with 3 callers, one connection and one pending slot, a third request in flight at once must overflow;
        // 200 calls make it a near certainty without asserting a share
        LoadReport report = LoadReport.parse(backend.fortioLoad(Load.calls(3, 0, 200, "http://httpbin:8000/get")));
        assertThat(report.count(503)).isPositive();
        assertThat(report.percentiles()).containsOnlyKeys("50", "75", "90", "99", "99.9");
        assertThat(report.min()).isLessThanOrEqualTo(report.avg()).isLessThanOrEqualTo(report.max());
    }
}
