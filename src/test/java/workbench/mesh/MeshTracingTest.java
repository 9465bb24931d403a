package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.tracing.Span;

/**
 * B3 propagation as Istio's Zipkin tracer does it (128-bit trace ids, shared_span_context false, so every sidecar
 * opens its own span under the span id the request carries in).
 */
class MeshTracingTest {
    private final MeshTracing tracing = new MeshTracing(1);
    private final Pod reviews = new Pod("reviews-v2-abc-def", "default", Map.of("app", "reviews", "version", "v2"), null);

    @Test
    void aRequestWithoutB3StartsATraceWithA128BitIdAndNoParent() {
        MeshTracing.Open open = tracing.open(MeshRequest.get("http://ratings:9080/ratings/0", Map.of()));
        assertThat(open.traceId()).matches("[0-9a-f]{32}");
        assertThat(open.spanId()).matches("[0-9a-f]{16}");
        assertThat(open.parentId()).isNull();
        assertThat(open.request().headers()).containsEntry("x-b3-traceid", open.traceId()).containsEntry("x-b3-spanid", open.spanId())
                .containsEntry("x-b3-sampled", "1").doesNotContainKey("x-b3-parentspanid");
    }

    @Test
    void aRequestCarryingB3GetsAChildSpanOfTheSpanItNames() {
        MeshRequest in = MeshRequest.get("http://ratings:9080/ratings/0",
                Map.of("x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124", "x-b3-spanid", "a2fb4a1d1a96d312", "x-request-id", "r-1"));
        MeshTracing.Open open = tracing.open(in);
        assertThat(open.traceId()).isEqualTo("463ac35c9f6413ad48485a3953bb6124");
        assertThat(open.parentId()).isEqualTo("a2fb4a1d1a96d312");
        assertThat(open.spanId()).isNotEqualTo("a2fb4a1d1a96d312");
        assertThat(open.request().headers()).containsEntry("x-b3-parentspanid", "a2fb4a1d1a96d312").containsEntry("x-b3-spanid", open.spanId());

        tracing.close(open, Span.CLIENT, reviews, "ratings.default.svc.cluster.local", "outbound|9080||ratings.default.svc.cluster.local", 503, "UH");
        Span s = tracing.store().spans().get(0);
        assertThat(s.name()).isEqualTo("ratings.default.svc.cluster.local:9080/*");
        assertThat(s.serviceName()).isEqualTo("reviews.default");
        assertThat(s.tags()).containsEntry("http.status_code", "503").containsEntry("response_flags", "UH")
                .containsEntry("upstream_cluster", "outbound|9080||ratings.default.svc.cluster.local")
                .containsEntry("guid:x-request-id", "r-1").containsEntry("error", "true");
        assertThat(s.duration()).isPositive();
    }
}
