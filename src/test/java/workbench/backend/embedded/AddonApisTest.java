package workbench.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.telemetry.MetricsQuery;
import workbench.telemetry.Sample;
import workbench.tracing.Span;
import workbench.tracing.SpanStore;
import workbench.tracing.TraceQuery;

/** The embedded Prometheus and Jaeger API subsets, read by the same clients that read a cluster's addons. */
class AddonApisTest {
    private static final String EXPOSITION = """
            # TYPE istio_requests_total counter
            istio_requests_total{reporter="source",source_workload="productpage-v1",response_code="200"} 7
            istio_requests_total{reporter="destination",source_workload="productpage-v1",response_code="200"} 6
            """;

    @Test
    void anEqualitySelectorAnswersTheMatchingSeriesWithTheirPod() throws Exception {
        SpanStore spans = new SpanStore(10);
        try (AddonApis apis = new AddonApis(() -> Map.of("productpage-v1-x-y", EXPOSITION), spans)) {
            List<Sample> result = new MetricsQuery(apis.url()).query("istio_requests_total{reporter=\"source\"}");
            assertThat(result).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("istio_requests_total");
                assertThat(s.value()).isEqualTo(7);
                assertThat(s.labels()).containsEntry("pod", "productpage-v1-x-y");
            });
            assertThatThrownBy(() -> new MetricsQuery(apis.url()).query("sum(rate(istio_requests_total[1m]))"))
                    .hasMessageContaining("only instant vector selectors");
        }
    }

    @Test
    void tracesAreFoundByServiceAndTag() throws Exception {
        SpanStore spans = new SpanStore(10);
        spans.add(new Span("t1", "a", null, "op", Span.CLIENT, 1, 2, new Span.Endpoint("fortio.default"), Map.of("guid:x-request-id", "r1")));
        spans.add(new Span("t2", "b", null, "op", Span.CLIENT, 3, 2, new Span.Endpoint("fortio.default"), Map.of("guid:x-request-id", "r2")));
        try (AddonApis apis = new AddonApis(Map::of, spans)) {
            TraceQuery jaeger = new TraceQuery(apis.url() + AddonApis.JAEGER_BASE_PATH); // where Istio's jaeger.yaml serves it
            assertThat(jaeger.traces("fortio.default", Map.of("guid:x-request-id", "r1"), 5)).singleElement()
                    .satisfies(t -> assertThat(t).extracting(Span::traceId).containsExactly("t1"));
            assertThat(jaeger.traces("fortio.default", Map.of(), 5)).extracting(t -> t.get(0).traceId()).containsExactly("t2", "t1");
            assertThat(jaeger.traces("details.default", Map.of(), 5)).isEmpty();
        }
    }
}
