package workbench.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service graph as Kiali builds it (kiali.io FAQ "Graph": a request no workload answered ends at a terminal
 * service node; kiali-ui REQUESTS_THRESHOLDS: degraded from 0.1% errors, failure from 20%), from samples written by
 * the sidecars' own recorder and read back through the text format.
 */
class ServiceGraphTest {
    private static final Peer PRODUCTPAGE = new Peer("productpage-v1", "default", "productpage", "v1");
    private static final Peer REVIEWS_V2 = new Peer("reviews-v2", "default", "reviews", "v2");
    private static final Peer RATINGS = new Peer("ratings-v1", "default", "ratings", "v1");
    private static final String RATINGS_SVC = "ratings.default.svc.cluster.local";
    private static final String REVIEWS_SVC = "reviews.default.svc.cluster.local";

    private static ServiceGraph graph(IstioMetrics metrics) {
        return ServiceGraph.of(PrometheusText.parse(metrics.exposition()), 10);
    }

    @Test
    void sourceReportedRequestsMakeOneEdgeWithCountRateAndFullSuccess() {
        IstioMetrics m = new IstioMetrics();
        for (int i = 0; i < 30; i++) m.record(Reporter.SOURCE, REVIEWS_V2, RATINGS, RATINGS_SVC, 200, "-", 3);
        ServiceGraph.Edge e = graph(m).edge("reviews-v2", "ratings-v1").orElseThrow();
        assertThat(e.requests()).isEqualTo(30);
        assertThat(e.ratePerSecond()).isEqualTo(3.0);
        assertThat(e.successPercent()).isEqualTo(100.0);
        assertThat(e.health()).isEqualTo(ServiceGraph.Health.HEALTHY);
        assertThat(e.from().label()).isEqualTo("reviews v2");
    }

    @Test
    void theCalleesOwnReportOfAKnownCallerIsNotCountedTwice() {
        IstioMetrics m = new IstioMetrics();
        m.record(Reporter.SOURCE, REVIEWS_V2, RATINGS, RATINGS_SVC, 200, "-", 3);
        m.record(Reporter.DESTINATION, REVIEWS_V2, RATINGS, RATINGS_SVC, 200, "-", 2);
        assertThat(graph(m).edges()).singleElement().extracting(ServiceGraph.Edge::requests).isEqualTo(1L);
    }

    @Test
    void aCallerOutsideTheMeshIsSeenOnlyByTheCallee() {
        IstioMetrics m = new IstioMetrics();
        m.record(Reporter.DESTINATION, Peer.UNKNOWN, PRODUCTPAGE, "productpage.default.svc.cluster.local", 200, "-", 5);
        assertThat(graph(m).edge("unknown", "productpage-v1")).get().extracting(ServiceGraph.Edge::requests).isEqualTo(1L);
    }

    @Test
    void anAbortedRequestEndsAtTheServiceNodeAndFails() {
        IstioMetrics m = new IstioMetrics();
        for (int i = 0; i < 10; i++) m.record(Reporter.SOURCE, REVIEWS_V2, Peer.UNKNOWN, RATINGS_SVC, 500, "FI", 0.2);
        ServiceGraph g = graph(m);
        ServiceGraph.Edge e = g.edge("reviews-v2", "ratings").orElseThrow();
        assertThat(e.to().service()).isTrue();
        assertThat(e.to().label()).isEqualTo("ratings (service)");
        assertThat(e.successPercent()).isZero();
        assertThat(e.health()).isEqualTo(ServiceGraph.Health.FAILURE);
    }

    /** Kiali counts 5xx (and no response at all) as errors; a 4xx is a success for the edge's health. */
    @Test
    void healthFollowsKialisThresholds() {
        record Row(int ok, int failed, int failedCode, ServiceGraph.Health health) {}
        for (Row row : List.of(
                new Row(1000, 0, 500, ServiceGraph.Health.HEALTHY),
                new Row(999, 1, 503, ServiceGraph.Health.DEGRADED),   // 0.1%
                new Row(1000, 1, 503, ServiceGraph.Health.HEALTHY),   // 0.0999%
                new Row(81, 19, 500, ServiceGraph.Health.DEGRADED),   // 19%
                new Row(80, 20, 0, ServiceGraph.Health.FAILURE),      // 20%, no response
                new Row(50, 50, 404, ServiceGraph.Health.HEALTHY))) { // 4xx is not an error
            IstioMetrics m = new IstioMetrics();
            for (int i = 0; i < row.ok(); i++) m.record(Reporter.SOURCE, PRODUCTPAGE, REVIEWS_V2, REVIEWS_SVC, 200, "-", 1);
            for (int i = 0; i < row.failed(); i++) m.record(Reporter.SOURCE, PRODUCTPAGE, REVIEWS_V2, REVIEWS_SVC, row.failedCode(), "-", 1);
            assertThat(graph(m).edge("productpage-v1", "reviews-v2").orElseThrow().health()).as(row.toString()).isEqualTo(row.health());
        }
    }

    /** 100 requests of 3 ms fall in Envoy's (1, 5] bucket; histogram_quantile interpolates rank 99 inside it. */
    @Test
    void p99ComesFromTheDurationHistogram() {
        IstioMetrics m = new IstioMetrics();
        for (int i = 0; i < 100; i++) m.record(Reporter.SOURCE, PRODUCTPAGE, REVIEWS_V2, REVIEWS_SVC, 200, "-", 3);
        assertThat(graph(m).edge("productpage-v1", "reviews-v2").orElseThrow().p99Ms()).isCloseTo(4.96, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void anIncreaseOverAWindowIsWhatTheGraphCounts() {
        IstioMetrics m = new IstioMetrics();
        for (int i = 0; i < 5; i++) m.record(Reporter.SOURCE, PRODUCTPAGE, REVIEWS_V2, REVIEWS_SVC, 200, "-", 1);
        Scrape before = Scrape.of(java.util.Map.of("pp", m.exposition()));
        for (int i = 0; i < 7; i++) m.record(Reporter.SOURCE, PRODUCTPAGE, REVIEWS_V2, REVIEWS_SVC, 200, "-", 1);
        Scrape delta = Scrape.of(java.util.Map.of("pp", m.exposition())).since(before);
        assertThat(ServiceGraph.of(delta.samples(), 1).edge("productpage-v1", "reviews-v2").orElseThrow().requests()).isEqualTo(7);
    }
}
