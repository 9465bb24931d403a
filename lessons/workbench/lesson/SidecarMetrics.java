package workbench.lesson;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.article.Bilingual;
import workbench.backend.PodStatus;
import workbench.telemetry.IstioMetrics;
import workbench.telemetry.Scrape;
import workbench.traffic.Observations;
import workbench.traffic.Probe;

/**
 * Sends a known number of pages, then reads productpage's sidecar stats as the reader does
 * ({@code curl localhost:15090/stats/prometheus | grep istio_requests_total | head -5}) and checks the counters
 * grew by exactly the pages sent: at productpage's sidecar as destination, and to details as source.
 */
record SidecarMetrics(Bilingual words, int pages, List<String> deployed) implements Step {
    static final String GREP = IstioMetrics.REQUESTS;
    static final int HEAD = 5;

    @Override
    public void run(LessonRun run) {
        BookinfoCalls calls = new BookinfoCalls(run, deployed);
        String productpage = calls.workloadName("productpage", "");
        String client = calls.workloadName(BookinfoCalls.CLIENT_APP, "");
        String details = calls.workloadName("details", "");
        String pod = run.backend().pods().stream().map(PodStatus::name).filter(n -> n.startsWith(productpage + "-")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no pod of deploy/" + productpage + " is running"));

        Scrape before = Scrape.of(Map.of(pod, run.backend().envoyPrometheus(pod)));
        Observations sent = Probe.bulk(run.backend().productPageFromFortio(), "/productpage", Map.of(), pages, run.options().concurrency);
        String stats = run.backend().envoyPrometheus(pod);
        Scrape delta = Scrape.of(Map.of(pod, stats)).since(before);

        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), List.of(
                "for i in $(seq 1 " + pages + "); do kubectl exec deploy/" + client + " -c fortio -- fortio curl -quiet "
                        + Probe.PRODUCTPAGE_URL + " > /dev/null; done",
                "kubectl exec deploy/" + productpage + " -c istio-proxy -- curl -s localhost:15090/stats/prometheus | grep "
                        + GREP + " | head -" + HEAD));
        List<String> printed = stats.lines().filter(l -> l.contains(GREP)).limit(HEAD).toList();
        run.article().output(run.t("出力(観測)", "Output (observed)"),
                printed.isEmpty() ? List.of(run.t("(何も表示されませんでした)", "(nothing was printed)")) : printed);

        long answered = sent.byStatus().getOrDefault("200", 0L);
        long inbound = Math.round(delta.requests(Map.of("reporter", "destination", "destination_workload", productpage,
                "source_workload", client)));
        long toDetails = Math.round(delta.requests(Map.of("reporter", "source", "source_workload", productpage,
                "destination_workload", details)));
        run.check(String.format(Locale.ROOT, run.t(
                        "%s のサイドカー(reporter=\"destination\")が数えた %s からのリクエストが、送った %d ページと等しい",
                        "%s's sidecar (reporter=\"destination\") counted as many requests from %s as the %d pages sent"),
                        productpage, client, pages),
                inbound == pages, String.format(Locale.ROOT, run.t("増加 %d(応答 200 は %d)", "increase %d (%d answered 200)"), inbound, answered));
        run.check(String.format(Locale.ROOT, run.t(
                        "%s から %s へのリクエスト(reporter=\"source\")も %d 件(1 ページに 1 回)",
                        "requests from %s to %s (reporter=\"source\") number %d too, one per page"), productpage, details, pages),
                toDetails == pages, String.format(Locale.ROOT, run.t("増加 %d", "increase %d"), toDetails));
    }
}
