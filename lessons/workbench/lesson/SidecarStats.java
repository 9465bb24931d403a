package workbench.lesson;

import java.util.List;
import workbench.article.Bilingual;
import workbench.mesh.EnvoyStats;

/**
 * The caller's own account: {@code pilot-agent request GET stats | grep SERVICE | grep pending} in its istio-proxy.
 * Checks that {@code upstream_rq_pending_overflow} rose, over the lesson's loads, by exactly the 503s fortio saw.
 */
record SidecarStats(Bilingual words, String url) implements Step {

    @Override
    public void run(LessonRun run) {
        String service = java.net.URI.create(url).getHost();
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), List.of(
                "kubectl exec deploy/" + FortioLoadStep.CALLER + " -c istio-proxy -- \\",
                "  pilot-agent request GET stats | grep " + service + " | grep pending"));
        String stats = run.backend().proxyStats(FortioLoadStep.CALLER);
        List<String> lines = stats.lines().filter(l -> l.contains(service) && l.contains("pending")).toList();
        run.article().output(run.t("出力(観測)", "Output (observed)"),
                lines.isEmpty() ? List.of(run.t("(何も表示されませんでした)", "(nothing was printed)")) : lines);

        OverflowLedger ledger = run.shared(OverflowLedger.class, OverflowLedger::new);
        String stat = OverflowLedger.stat(OverflowLedger.clusterFor(url, run.backend().namespace()), "upstream_rq_pending_overflow");
        long now = EnvoyStats.value(stats, stat).orElse(0);
        run.check(run.t("upstream_rq_pending_overflow の増分が、" + ledger.loads() + " 回の fortio load で見た 503 の合計に等しい",
                        "upstream_rq_pending_overflow rose by the 503s of the " + ledger.loads() + " fortio loads, no more, no less"),
                ledger.loads() > 0 && now - ledger.baseline() == ledger.fiveOhThrees(),
                run.t("増分 ", "rise ") + (now - ledger.baseline()) + run.t("、fortio の 503 合計 ", ", fortio's 503s ") + ledger.fiveOhThrees());
    }
}
