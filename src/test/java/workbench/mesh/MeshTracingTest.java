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
        MeshTracing.Open open = tracing.open(MeshRequest.get("http://ratings:9080/ratings/0", Map.of("x-request-id", "3f2b1c4d-0000-4abc-8def-0123456789ab")));
        assertThat(open.traceId()).matches("[0-9a-f]{32}");
        assertThat(open.spanId()).matches("[0-9a-f]{16}");
        assertThat(open.parentId()).isNull();
        assertThat(open.request().headers()).containsEntry("x-b3-traceid", open.traceId()).containsEntry("x-b3-spanid", open.spanId())
                .containsEntry("x-b3-sampled", "1").doesNotContainKey("x-b3-parentspanid");
    }

    @Test
    void aRequestCarryingB3GetsAChildSpanOfTheSpanItNames() {
        MeshRequest in = MeshRequest.get("http://ratings:9080/ratings/0",
                Map.of("x-b3-traceid", "463ac35c9f6413ad48485a3953bb6124", "x-b3-spanid", "a2fb4a1d1a96d312",
                        "x-request-id", "3f2b1c4d-0000-9abc-8def-0123456789ab"));
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
                .containsEntry("guid:x-request-id", "3f2b1c4d-0000-9abc-8def-0123456789ab").containsEntry("error", "true");
        assertThat(s.duration()).isPositive();
    }

    /**
     * Whether a request is traced, and what that does to its id (Envoy source/common/http/conn_manager_utility.cc
     * mutateTracingRequestHeader with the UUID request-id extension, source/extensions/request_id/uuid/config.h:
     * the 15th character 9/a/b means already traced; otherwise the first 8 characters as hex, modulo 10,000, are drawn
     * against the rate in hundredths of a percent, and a sampled UUID gets a 9 there; an incoming x-b3-sampled decides
     * the span, as the Zipkin tracer reads it before the manager's decision).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            fresh UUID at 100%: traced, marked 9                  | 100 | 3f2b1c4d-0000-4abc-8def-0123456789ab |   | true  | 3f2b1c4d-0000-9abc-8def-0123456789ab
            already sampled upstream (9) at 1%: still traced      | 1   | 3f2b1c4d-0000-9abc-8def-0123456789ab |   | true  | 3f2b1c4d-0000-9abc-8def-0123456789ab
            forced (a) at 1%: traced, id kept                     | 1   | 3f2b1c4d-0000-aabc-8def-0123456789ab |   | true  | 3f2b1c4d-0000-aabc-8def-0123456789ab
            1%: draw 0x00000063 % 10000 = 99 < 100: traced        | 1   | 00000063-0000-4abc-8def-0123456789ab |   | true  | 00000063-0000-9abc-8def-0123456789ab
            1%: draw 0x00000064 % 10000 = 100: not traced         | 1   | 00000064-0000-4abc-8def-0123456789ab |   | false | 00000064-0000-4abc-8def-0123456789ab
            an id not starting with 8 hex digits is never traced  | 100 | r-1                                  |   | false | r-1
            a non-UUID hex id at 100%: traced, nowhere to mark    | 100 | deadbeef-custom                      |   | true  | deadbeef-custom
            x-b3-sampled 0 wins over the manager's decision       | 100 | 3f2b1c4d-0000-4abc-8def-0123456789ab | 0 | false | 3f2b1c4d-0000-9abc-8def-0123456789ab
            x-b3-sampled 1 wins over the manager's decision       | 1   | 00000064-0000-4abc-8def-0123456789ab | 1 | true  | 00000064-0000-4abc-8def-0123456789ab
            """)
    void theTracingDecisionFollowsEnvoysRequestIdRules(String rule, double percent, String requestId, String b3Sampled,
                                                       boolean reported, String idPassedOn) {
        MeshTracing sampler = new MeshTracing(1, percent);
        Map<String, String> headers = new java.util.HashMap<>(Map.of("x-request-id", requestId));
        if (b3Sampled != null) headers.put("x-b3-sampled", b3Sampled);
        MeshTracing.Open open = sampler.open(MeshRequest.get("http://ratings:9080/ratings/0", headers));
        sampler.close(open, Span.CLIENT, reviews, "ratings.default.svc.cluster.local", "outbound|9080||ratings.default.svc.cluster.local", 200, "-");

        assertThat(sampler.store().spans()).as(rule).hasSize(reported ? 1 : 0);
        assertThat(open.request().header("x-request-id")).as(rule).isEqualTo(idPassedOn);
        assertThat(open.request().header("x-b3-sampled")).as(rule).isEqualTo(reported ? "1" : "0");
    }

    /**
     * A request reaching a sidecar with no x-request-id (sent by a pod without one) gets a fresh id from the receiving
     * Envoy's connection manager first (conn_manager_utility.cc mutateRequestHeaders: the request-id extension's set),
     * and is then sampled like any other: at 100% its SERVER span is reported and the application sees the marked id.
     */
    @Test
    void theReceivingSidecarGivesAnIdlessRequestAnIdBeforeDecidingOnTracing() {
        MeshTracing.Open open = tracing.openInbound(MeshRequest.get("http://ratings:9080/ratings/0", Map.of()));
        assertThat(open.sampled()).isTrue();
        assertThat(open.request().header("x-request-id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-9[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(open.request().header("x-b3-sampled")).isEqualTo("1");
    }
}
