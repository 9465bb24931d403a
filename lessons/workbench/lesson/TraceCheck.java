package workbench.lesson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import workbench.article.Bilingual;
import workbench.article.TraceWaterfall;
import workbench.backend.PageClient;
import workbench.tracing.Span;
import workbench.mesh.RequestIds;
import workbench.tracing.TraceQuery;
import workbench.tracing.TraceTree;
import workbench.traffic.Observation;

/**
 * Sends pages one at a time, each with its own {@code x-request-id}, until one is answered by a reviews version that
 * calls ratings; reads that request's trace from the Jaeger API (Envoy tags every span {@code guid:x-request-id}),
 * draws it as a waterfall and checks it: one root, no orphan, the parent/child pairs the call graph predicts for the
 * version the page showed, and every child within its parent's time.
 */
record TraceCheck(Bilingual words, List<String> deployed) implements Step {
    static final int MAX_PAGES = 30;
    static final long WAIT_MILLIS = 30_000;
    /** The tag Envoy puts the request's x-request-id in. */
    static final String REQUEST_ID_TAG = "guid:x-request-id";

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        PageClient client = run.backend().productPageFromFortio();
        String requestId = null;
        Observation page = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            String id = sampledRequestId(java.util.UUID.nameUUIDFromBytes(("lesson02 trace " + run.options().seedOrRandom() + " " + i).getBytes()));
            Observation o = fetch(client, id);
            if (o.reviews().matches("v\\d+") && !o.reviews().equals("v1")) {
                requestId = id;
                page = o;
                break;
            }
        }
        if (page == null) throw new IllegalStateException(MAX_PAGES + " pages and none was served by a reviews version that calls ratings");

        String jaegerApi = run.backend().addons().jaegerApi();
        List<Span> trace = read(new TraceQuery(jaegerApi), BookinfoCalls.CLIENT_APP + "." + ns, requestId,
                BookinfoCalls.forPage(page.reviews()).size() * 2);
        TraceTree tree = new TraceTree(trace);

        run.article().section(run.words(words));
        run.article().commands(run.t("トレースの取得(Jaeger の API)", "Reading the trace (Jaeger's API)"), List.of(
                "kubectl exec deploy/" + new BookinfoCalls(run, deployed).workloadName(BookinfoCalls.CLIENT_APP, "")
                        + " -c fortio -- fortio curl -H 'x-request-id: " + requestId + "' " + workbench.traffic.Probe.PRODUCTPAGE_URL,
                "kubectl -n istio-system port-forward svc/tracing 16686:80 &",
                // the query API's path prefix as this backend serves it (Istio's jaeger.yaml and the embedded mesh: /jaeger)
                "curl -s 'http://localhost:16686" + java.net.URI.create(jaegerApi).getPath() + "/api/traces?service="
                        + BookinfoCalls.CLIENT_APP + "." + ns
                        + "&limit=1&tags=" + TraceQuery.tagsJson(Map.of(REQUEST_ID_TAG, requestId)) + "'"));
        run.article().prose(run.t("`x-request-id` の 15 文字目の `9` は、Envoy が「このリクエストはサンプリング済み」と書き込む印です。"
                        + "レッスンは印を付けた ID で送るので、Envoy は自分の ID に書き換えず、サンプリング率によらずこのページを記録します。",
                "The `9` at the 15th character of the `x-request-id` is the mark Envoy writes when it samples a request. The lesson sends "
                        + "ids that already carry it, so Envoy keeps the id as sent and traces the page whatever the sampling rate."));
        run.article().prose(String.format(run.t("このページは reviews-%s が返しました(ページの表示から)。トレース ID: `%s`、スパン %d 個。",
                "reviews-%s answered this page (as the page shows). Trace ID `%s`, %d spans."), page.reviews(),
                trace.isEmpty() ? "-" : trace.get(0).traceId(), trace.size()));
        run.article().figure(TraceWaterfall.svg(run.t("1 ページ分のトレース(ウォーターフォール)", "One page's trace (waterfall)"), tree));
        deepest(tree).ifPresent(s -> run.article().output(
                run.t("いちばん深いスパン(Zipkin v2 JSON、観測)", "The deepest span (Zipkin v2 JSON, observed)"), List.of(pretty(s))));

        List<String> expected = expectedPairs(page.reviews());
        List<String> observed = observedPairs(tree);
        boolean shaped = tree.roots().size() == 1 && tree.orphans().isEmpty() && observed.equals(expected);
        run.check(run.t("親子関係が Bookinfo の呼び出し関係(このページの reviews のバージョン)どおり",
                        "the parent/child structure follows Bookinfo's call graph for this page's reviews version"),
                shaped, run.t("根 ", "roots ") + tree.roots().size() + run.t("、親のないスパン ", ", orphans ") + tree.orphans().size()
                        + "; " + String.join(", ", observed) + (observed.equals(expected) ? "" : run.t("(期待: ", " (expected: ") + String.join(", ", expected) + ")"));
        List<Span> outside = tree.outsideParent();
        run.check(run.t("どの子スパンも親スパンの時間内に収まる", "every child span lies within its parent's time"),
                !trace.isEmpty() && outside.isEmpty(), outside.isEmpty()
                        ? run.t(trace.size() + " スパンすべて", "all " + trace.size() + " spans")
                        : run.t("はみ出し: ", "outside: ") + String.join(", ", outside.stream().map(TraceCheck::describe).toList()));
    }

    /**
     * The id with Envoy's "sampled" mark ({@link RequestIds#markSampled}). Envoy leaves an id that already carries it as it
     * is, so the spans' guid:x-request-id tag is the id the lesson sent; and it traces that request whatever the sampling
     * rate, since the mark says an earlier proxy sampled it.
     */
    static String sampledRequestId(java.util.UUID uuid) { return RequestIds.markSampled(uuid.toString()); }

    private static Observation fetch(PageClient client, String requestId) {
        try {
            PageClient.Page p = client.get("/productpage", Map.of("x-request-id", requestId));
            return Observation.fromPage(p.status(), p.body());
        } catch (IOException e) {
            return new Observation(0, Observation.NONE, Observation.NONE, "");
        }
    }

    /** The request's trace, waiting for a collector that receives spans a moment later (Jaeger batches them). */
    private static List<Span> read(TraceQuery jaeger, String service, String requestId, int expectedSpans) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        List<Span> best = List.of();
        while (true) {
            for (List<Span> t : jaeger.traces(service, Map.of(REQUEST_ID_TAG, requestId), 1)) {
                if (t.size() >= best.size()) best = t;
            }
            if (best.size() >= expectedSpans || System.currentTimeMillis() > deadline) return best;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return best;
            }
        }
    }

    /**
     * Each call is two spans, the caller sidecar's CLIENT and the callee's SERVER under it; the caller's CLIENT span sits
     * under its own SERVER span, except the client app's, which starts the trace.
     */
    static List<String> expectedPairs(String reviewsVersion) {
        List<String> pairs = new ArrayList<>();
        for (BookinfoCalls.Call c : BookinfoCalls.forPage(reviewsVersion)) {
            String client = c.callerApp() + " CLIENT→" + c.calleeApp();
            if (!c.callerApp().equals(BookinfoCalls.CLIENT_APP)) pairs.add(c.callerApp() + " SERVER ⊃ " + client);
            pairs.add(client + " ⊃ " + c.calleeApp() + " SERVER");
        }
        return sorted(pairs);
    }

    static List<String> observedPairs(TraceTree tree) {
        List<String> pairs = new ArrayList<>();
        for (Span s : tree.spans()) {
            Span parent = tree.parent(s);
            if (parent != null) pairs.add(label(parent) + " ⊃ " + label(s));
        }
        return sorted(pairs);
    }

    /** "reviews CLIENT→ratings" or "ratings SERVER": the reporting app, the kind, and for a client what it called. */
    private static String label(Span s) {
        String app = s.serviceName().contains(".") ? s.serviceName().substring(0, s.serviceName().indexOf('.')) : s.serviceName();
        String host = s.name().contains(".") ? s.name().substring(0, s.name().indexOf('.')) : s.name();
        return s.kind().equals(Span.CLIENT) ? app + " CLIENT→" + host : app + " " + s.kind();
    }

    private static List<String> sorted(List<String> l) {
        Map<String, Integer> counts = new TreeMap<>();
        l.forEach(x -> counts.merge(x, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(n == 1 ? k : k + " ×" + n));
        return out;
    }

    private static Optional<Span> deepest(TraceTree tree) {
        return tree.rows().stream().max(java.util.Comparator.comparingInt(TraceTree.Row::depth)).map(TraceTree.Row::span);
    }

    private static String describe(Span s) { return label(s) + " " + s.id(); }

    private static String pretty(Span s) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
