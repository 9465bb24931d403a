package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.article.BarChart;
import workbench.article.Bilingual;
import workbench.traffic.GatewayClient;
import workbench.traffic.Observations;
import workbench.traffic.Probe;
import workbench.verdict.ExpectedSplit;
import workbench.verdict.SplitTest;
import workbench.verdict.SplitVerdict;

/**
 * The bulk split check sent from the reader's machine through the ingress gateway rather than from fortio's
 * sidecar: the reviews split behind the gateway is tested against the VirtualService in force, with the same exact
 * test. (Once the lesson's split check can take another client, this step becomes that step with the gateway's.)
 */
record GatewaySplit(Bilingual words) implements Step {

    @Override
    public void run(LessonRun run) {
        int n = run.options().requests;
        java.net.URI base = run.backend().ingressGateway();
        ExpectedSplit expected = run.expectedReviewsSplit(run.words(words).heading());
        Observations observed = Probe.bulk(GatewayClient.at(base), "/productpage", Map.of(), n, run.options().concurrency);
        run.recordBulk(observed);
        SplitVerdict verdict = SplitTest.test(expected, observed.byReviews(), SplitTest.DEFAULT_ALPHA);

        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド(読者のマシンで)", "Commands (on the reader's machine)"), List.of(
                "for i in $(seq 1 " + n + "); do",
                "  curl -s " + base + "/productpage | grep -oE 'reviews-v[0-9]+' | head -1",
                "done | sort | uniq -c"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(run.t("バージョン", "Version"), run.t("期待 (weight)", "Expected (weight)"), run.t("観測数", "Observed"),
                run.t("観測割合", "Observed share"), run.t("p 値", "p-value")));
        List<BarChart.Bar> bars = new ArrayList<>();
        for (SplitVerdict.Row r : verdict.rows()) {
            rows.add(List.of(r.category(), percent(r.expectedShare()), Long.toString(r.count()), percent(r.observedShare()),
                    String.format(Locale.ROOT, "%.3g", r.pValue())));
            bars.add(new BarChart.Bar(r.category(), r.observedShare(), r.expectedShare()));
        }
        run.article().table(String.format(Locale.ROOT, run.t("ゲートウェイ経由の %,d リクエストの内訳(観測)",
                "%,d requests through the gateway (observed)"), observed.size()), "1,1,1,1,1", rows);
        run.article().chart(run.t("ゲートウェイ経由の reviews のバージョン別の割合", "reviews versions behind the gateway"), bars);
        long ok = observed.byStatus().getOrDefault("200", 0L);
        run.check(run.t("ゲートウェイ経由の " + n + " リクエストがすべて 200", "all " + n + " requests through the gateway answer 200"),
                ok == observed.size(), observed.byStatus().toString());
        run.check(run.t("ゲートウェイ経由の分布が VirtualService の weight と矛盾しない (α = 1e-6)",
                        "the split behind the gateway agrees with the VirtualService's weights (α = 1e-6)"),
                verdict.passed(), verdict.summary());
    }

    private static String percent(double share) { return String.format(Locale.ROOT, "%.1f%%", 100 * share); }
}
