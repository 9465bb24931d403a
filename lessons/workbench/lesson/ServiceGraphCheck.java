package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import workbench.article.Bilingual;
import workbench.article.ServiceGraphChart;
import workbench.istio.HttpFault;
import workbench.istio.HttpRoute;
import workbench.istio.VirtualService;
import workbench.telemetry.IstioMetrics;
import workbench.telemetry.MetricsQuery;
import workbench.telemetry.Sample;
import workbench.telemetry.Scrape;
import workbench.telemetry.ServiceGraph;
import workbench.traffic.Observations;
import workbench.traffic.Probe;

/**
 * Sends pages, reads the request metrics before and after from the Prometheus API, builds the service graph as Kiali
 * does and draws it. Checks the edges against Bookinfo's call graph and each edge's count against the pages sent,
 * counted by which reviews version each page showed. When a VirtualService aborts requests to ratings, the edges into
 * ratings must show the failures the abort asks for.
 */
record ServiceGraphCheck(Bilingual words, int pages, List<String> deployed) implements Step {
    static final List<String> QUERIES = List.of(IstioMetrics.REQUESTS, IstioMetrics.DURATION + "_bucket");
    /** A real Prometheus sees new counts at its next scrape (15 s in Istio's addon); wait at most this long. */
    static final long SETTLE_MILLIS = 60_000;
    static final java.time.Duration SCRAPE_MARGIN = java.time.Duration.ofSeconds(5);

    @Override
    public void run(LessonRun run) {
        BookinfoCalls calls = new BookinfoCalls(run, deployed);
        workbench.backend.Addons addons = run.backend().addons();
        MetricsQuery prometheus = new MetricsQuery(addons.prometheusApi());
        java.time.Duration scrape = addons.scrapeInterval();
        awaitScrape(run, scrape); // "before" then holds every request sent so far
        Scrape before = new Scrape(query(prometheus));
        Observations sent = Probe.bulk(run.backend().productPageFromFortio(), "/productpage", Map.of(), pages, run.options().concurrency);
        awaitScrape(run, scrape); // every sidecar has been scraped since the last page
        String client = calls.workloadName(BookinfoCalls.CLIENT_APP, "");
        String productpage = calls.workloadName("productpage", "");
        Scrape delta = settled(prometheus, before, client, productpage);
        ServiceGraph graph = ServiceGraph.of(delta.samples(), sent.elapsed().toNanos() / 1e9);

        Optional<HttpFault.Abort> abort = ratingsAbort(run);
        Map<String, Long> expected = expectedEdges(calls, sent, abort.isPresent() && abort.get().partsPerMillion() == 1_000_000);

        run.article().section(run.words(words));
        run.article().commands(run.t("グラフの元にした PromQL(トラフィックの前後に 1 回ずつ、差が区間の増加分)",
                "PromQL behind the graph (once before and once after the traffic; the difference is the increase)"), QUERIES);
        run.article().figure(ServiceGraphChart.svg(run.t("サービスグラフ(観測したメトリクスから)", "Service graph (from the observed metrics)"), graph));
        run.article().table(run.t("エッジ(観測)", "Edges (observed)"), "3,1,1,1,1", rows(run, graph));

        Map<String, Long> observed = new TreeMap<>();
        graph.edges().forEach(e -> observed.put(e.from().name() + " → " + e.to().name(), e.requests()));
        run.check(run.t("エッジが Bookinfo の呼び出し関係と一致する(reviews-v1 → ratings はない)",
                        "the edges match Bookinfo's call graph (no reviews-v1 → ratings)"),
                observed.keySet().equals(expected.keySet()), String.join(", ", observed.keySet()));
        run.check(run.t("各エッジのリクエスト数が、送ったページと各ページに表示された reviews のバージョンから数えた数と等しい",
                        "each edge's request count equals what the pages sent, by the reviews version each page showed, add up to"),
                observed.equals(expected), describe(observed) + run.t("(期待: ", " (expected: ") + describe(expected) + ")");
        abort.ifPresent(a -> checkAbort(run, graph, a));
    }

    /**
     * With no traffic flowing, one scrape interval (plus a margin for a slow scrape) after now every target has been scraped
     * at least once: Prometheus' answers then hold every request sent before. Nothing to wait for where the API scrapes
     * the sidecars at query time (the embedded mesh).
     */
    private static void awaitScrape(LessonRun run, java.time.Duration interval) {
        if (interval.isZero()) return;
        java.time.Duration wait = interval.plus(SCRAPE_MARGIN);
        run.say(String.format(run.t("Prometheus が全サイドカーを集めるまで %d 秒待ちます(収集間隔 %d 秒)",
                "waiting %d s for Prometheus to scrape every sidecar (scrape interval %d s)"), wait.toSeconds(), interval.toSeconds()));
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Sample> query(MetricsQuery prometheus) {
        List<Sample> out = new ArrayList<>();
        for (String q : QUERIES) out.addAll(prometheus.query(q));
        return out;
    }

    /** Queries until the client's requests to productpage have all been counted, or the settle time is up. */
    private Scrape settled(MetricsQuery prometheus, Scrape before, String client, String productpage) {
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (true) {
            Scrape delta = new Scrape(query(prometheus)).since(before);
            double seen = delta.requests(Map.of("reporter", "source", "source_workload", client, "destination_workload", productpage));
            if (seen >= pages || System.currentTimeMillis() > deadline) return delta;
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return delta;
            }
        }
    }

    /** Edge → requests, from the call graph and the reviews version each page showed. */
    private static Map<String, Long> expectedEdges(BookinfoCalls calls, Observations sent, boolean ratingsAlwaysAborted) {
        Map<String, Long> expected = new TreeMap<>();
        for (workbench.traffic.Observation page : sent.all()) {
            for (BookinfoCalls.Call c : BookinfoCalls.forPage(page.reviews())) {
                String from = calls.workloadName(c.callerApp(), c.callerVersion());
                String to = c.calleeApp().equals("reviews") ? calls.workloadName("reviews", page.reviews())
                        : c.calleeApp().equals("ratings") && ratingsAlwaysAborted ? "ratings"
                        : calls.workloadName(c.calleeApp(), "");
                expected.merge(from + " → " + to, 1L, Long::sum);
            }
        }
        return expected;
    }

    /** The abort of the ratings VirtualService in force, if its first route has one. */
    private static Optional<HttpFault.Abort> ratingsAbort(LessonRun run) {
        String fqdn = workbench.istio.Hosts.fqdn("ratings", run.backend().namespace());
        return run.backend().snapshot().config().virtualServiceFor(fqdn).map(VirtualService::http).filter(h -> !h.isEmpty())
                .flatMap(h -> h.get(0).fault()).flatMap(HttpFault::abort);
    }

    private static void checkAbort(LessonRun run, ServiceGraph graph, HttpFault.Abort abort) {
        double expectedSuccess = 100 - abort.partsPerMillion() / 10_000.0;
        List<ServiceGraph.Edge> intoRatings = graph.edges().stream().filter(e -> e.to().app().equals("ratings")).toList();
        boolean failing = !intoRatings.isEmpty() && intoRatings.stream().allMatch(e -> abort.partsPerMillion() == 1_000_000
                ? e.successPercent() == 0 && e.health() == ServiceGraph.Health.FAILURE
                : e.successPercent() < 100 && e.health() != ServiceGraph.Health.HEALTHY);
        List<String> seen = intoRatings.stream().map(e -> String.format(Locale.ROOT, "%s → %s %s%% %s", e.from().name(), e.to().name(),
                ServiceGraphChart.percent(e.successPercent()), e.health())).toList();
        run.check(String.format(Locale.ROOT, run.t(
                        "ratings への abort(HTTP %d、%s%%)で、ratings に入るエッジが失敗として表示される(成功率 %s%%、赤)",
                        "with ratings aborted (HTTP %d, %s%%), the edges into ratings show failing (success %s%%, red)"),
                        abort.httpStatus(), ServiceGraphChart.percent(100 - expectedSuccess), ServiceGraphChart.percent(expectedSuccess)),
                failing, seen.isEmpty() ? run.t("ratings へのエッジなし", "no edge into ratings") : String.join(", ", seen));
        List<ServiceGraph.Edge> others = graph.edges().stream().filter(e -> !e.to().app().equals("ratings")).toList();
        run.check(run.t("ratings 以外のエッジは健全なまま(reviews はエラーを表示して 200 を返す)",
                        "every other edge stays healthy (reviews shows an error and still answers 200)"),
                others.stream().allMatch(e -> e.health() == ServiceGraph.Health.HEALTHY),
                new TreeSet<>(others.stream().map(e -> e.from().name() + " → " + e.to().name() + " " + e.health()).toList()).toString());
    }

    private static List<List<String>> rows(LessonRun run, ServiceGraph graph) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(run.t("エッジ", "edge"), run.t("リクエスト", "requests"), run.t("レート", "rate"), run.t("成功率", "success"), "P99"));
        for (ServiceGraph.Edge e : graph.edges()) {
            rows.add(List.of(e.from().label() + " → " + e.to().label(), Long.toString(e.requests()),
                    String.format(Locale.ROOT, "%.1f/s", e.ratePerSecond()), ServiceGraphChart.percent(e.successPercent()) + "%",
                    ServiceGraphChart.millis(e.p99Ms())));
        }
        return rows;
    }

    private static String describe(Map<String, Long> edges) {
        return String.join(", ", edges.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }
}
