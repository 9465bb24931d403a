package workbench.lesson;

import java.util.List;
import java.util.Optional;
import workbench.article.Bilingual;
import workbench.fortio.Load;
import workbench.fortio.LoadReport;
import workbench.mesh.AccessLog;
import workbench.mesh.EnvoyStats;

/**
 * {@code fortio load} from the fortio pod, shown as fortio printed it. Its checks are the circuit breaker's
 * invariants, not a share of 503s (that depends on timing): every call ends in 200 or 503; one connection
 * never overflows; fortio's 503s equal the rise of the sidecar's {@code upstream_rq_pending_overflow}; and
 * where the sidecar writes an access log, each 503 carries the response flag UO (upstream overflow).
 */
record FortioLoadStep(Bilingual words, Load load) implements Step {
    static final String CALLER = "fortio-deploy";

    @Override
    public void run(LessonRun run) {
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"),
                List.of("kubectl exec deploy/" + CALLER + " -c fortio -- \\", "  " + String.join(" ", load.command())));
        String overflowStat = OverflowLedger.stat(OverflowLedger.clusterFor(load.url(), run.backend().namespace()), "upstream_rq_pending_overflow");
        OverflowLedger ledger = run.shared(OverflowLedger.class, OverflowLedger::new);
        long overflowBefore = EnvoyStats.value(run.backend().proxyStats(CALLER), overflowStat).orElse(0);
        ledger.before(overflowBefore);
        int logBefore = run.backend().proxyAccessLog(CALLER).size();

        String output = run.backend().fortioLoad(load);
        LoadReport report = LoadReport.parse(output);
        long overflowAfter = EnvoyStats.value(run.backend().proxyStats(CALLER), overflowStat).orElse(0);
        List<String> log = run.backend().proxyAccessLog(CALLER);
        List<AccessLog.Entry> entries = log.subList(Math.min(logBefore, log.size()), log.size()).stream()
                .map(AccessLog::parse).flatMap(Optional::stream).toList();
        ledger.saw(report.count(503));

        run.article().output(run.t("fortio の出力(観測)", "fortio output (observed)"), output.lines().toList());
        run.article().output(run.t("fortio の集計行(上の出力から)", "fortio's summary lines (from the output above)"), report.summaryLines());

        long ok = report.count(200);
        long overflowed = report.count(503);
        if (load.calls() > 0) {
            run.check(run.t("200 と 503 の合計が送った " + load.calls() + " 回に等しい", "200s plus 503s make the " + load.calls() + " calls sent"),
                    ok + overflowed == load.calls() && report.calls() == load.calls(),
                    "200 × " + ok + ", 503 × " + overflowed + run.t("、全体 ", ", all codes ") + report.codes());
        }
        if (load.connections() == 1) {
            run.check(run.t("接続 1 本(-c 1)では 503 が出ない", "one connection (-c 1) gets no 503"), overflowed == 0, "503 × " + overflowed);
        }
        run.check(run.t("fortio の 503 の数がサイドカーの upstream_rq_pending_overflow の増分に等しい",
                        "fortio's 503s equal the rise of the sidecar's upstream_rq_pending_overflow"),
                overflowAfter - overflowBefore == overflowed,
                "503 × " + overflowed + ", upstream_rq_pending_overflow " + overflowBefore + " → " + overflowAfter);
        List<AccessLog.Entry> fiveOhThrees = entries.stream().filter(e -> e.status() == 503).toList();
        if (entries.isEmpty()) {
            run.say(run.t("! istio-proxy のアクセスログがありません(meshConfig.accessLogFile が未設定)。UO フラグは確かめられません。",
                    "! istio-proxy writes no access log (meshConfig.accessLogFile is unset), so the UO flag cannot be checked."));
        } else {
            long uo = fiveOhThrees.stream().filter(e -> e.flags().equals("UO")).count();
            run.check(run.t("アクセスログの 503 すべてに応答フラグ UO(接続プールのあふれ)が付いている",
                            "every 503 in the access log carries response flag UO (upstream overflow)"),
                    uo == fiveOhThrees.size() && fiveOhThrees.size() == overflowed,
                    run.t("アクセスログの 503 × " + fiveOhThrees.size() + "、うち UO × " + uo,
                            "503 × " + fiveOhThrees.size() + " in the access log, UO × " + uo));
        }
    }
}
