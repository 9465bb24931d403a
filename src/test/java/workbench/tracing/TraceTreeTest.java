package workbench.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A trace arranged by parentId (Zipkin v2: a root has no parentId), with the rules the lesson checks. */
class TraceTreeTest {
    private static Span span(String id, String parent, long start, long duration) {
        return new Span("t1", id, parent, "op", Span.SERVER, start, duration, new Span.Endpoint("svc.default"), Map.of());
    }

    @Test
    void rowsWalkDepthFirstWithChildrenInStartOrder() {
        TraceTree tree = new TraceTree(List.of(span("a", null, 0, 100), span("c", "a", 50, 10), span("b", "a", 10, 20), span("d", "b", 12, 5)));
        assertThat(tree.rows()).extracting(r -> r.span().id() + r.depth()).containsExactly("a0", "b1", "d2", "c1");
        assertThat(tree.orphans()).isEmpty();
        assertThat(tree.outsideParent()).isEmpty();
    }

    @Test
    void aChildStartingEarlyOrEndingLateIsOutsideItsParent() {
        TraceTree tree = new TraceTree(List.of(span("a", null, 10, 100), span("early", "a", 9, 5), span("late", "a", 100, 11),
                span("edge", "a", 10, 100)));
        assertThat(tree.outsideParent()).extracting(Span::id).containsExactly("early", "late");
    }

    @Test
    void aParentMissingFromTheTraceMakesAnOrphan() {
        TraceTree tree = new TraceTree(List.of(span("a", null, 0, 10), span("x", "gone", 1, 1)));
        assertThat(tree.orphans()).extracting(Span::id).containsExactly("x");
        assertThat(tree.roots()).extracting(Span::id).containsExactly("a");
    }

    @Test
    void jaegersAnswerCarriesZipkinSpansBothWays() {
        Span client = new Span("abc", "01", null, "details.default.svc.cluster.local:9080/*", Span.CLIENT, 1000, 50,
                new Span.Endpoint("productpage.default"), Map.of("http.status_code", "200", "upstream_cluster", "outbound|9080||details.default.svc.cluster.local"));
        Span server = new Span("abc", "02", "01", "details.default.svc.cluster.local:9080/*", Span.SERVER, 1010, 30,
                new Span.Endpoint("details.default"), Map.of("http.status_code", "200"));
        assertThat(JaegerJson.read(JaegerJson.traces(List.of(List.of(client, server))))).containsExactly(List.of(client, server));
    }

    @Test
    void zipkinJsonUsesTheV2FieldNamesAndLeavesOutARootsParent() {
        Span root = span("a", null, 5, 7);
        String json = SpanStore.json(List.of(root));
        assertThat(json).contains("\"traceId\":\"t1\"", "\"id\":\"a\"", "\"kind\":\"SERVER\"", "\"timestamp\":5", "\"duration\":7",
                "\"localEndpoint\":{\"serviceName\":\"svc.default\"}").doesNotContain("parentId");
        assertThat(SpanStore.fromJson(json)).containsExactly(root);
    }

    @Test
    void theStoreKeepsOnlyTheNewestSpans() {
        SpanStore store = new SpanStore(2);
        store.add(span("a", null, 0, 1));
        store.add(span("b", null, 0, 1));
        store.add(span("c", null, 0, 1));
        assertThat(store.spans()).extracting(Span::id).containsExactly("b", "c");
    }
}
