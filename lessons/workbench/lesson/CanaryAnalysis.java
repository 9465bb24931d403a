package workbench.lesson;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import workbench.article.Bilingual;
import workbench.article.CanaryTimeline;
import workbench.canary.CanaryReport;
import workbench.canary.CanaryRun;
import workbench.canary.CanarySpec;
import workbench.canary.Criteria;
import workbench.canary.Gate;
import workbench.canary.StepReport;
import workbench.manifest.Document;

/**
 * Runs a canary analysis (Flagger's semantics, {@link CanaryRun}) with the lesson's per-weight manifests, and shows
 * the manifests applied, a row per interval, a timeline of the weight with each gate's outcome, and the outcome.
 */
record CanaryAnalysis(Bilingual words, CanaryPlan plan) implements Step {

    @Override
    public List<String> manifests() {
        Set<String> files = new LinkedHashSet<>();
        for (int w : plan.steps()) files.add(plan.routeFile(w));
        files.add(plan.routeFile(100));
        files.add(plan.routeFile(0));
        return List.copyOf(files);
    }

    @Override
    public void run(LessonRun run) {
        CanarySpec spec = new CanarySpec(plan.service(), plan.stable(), plan.canary(), plan.steps(), plan.threshold(),
                CanaryPlan.REQUESTS_PER_INTERVAL, CanarySpec.LOAD_CALLERS);
        Criteria criteria = Criteria.of(plan.minSuccessPercent(), plan.maxP99Ms());
        List<String> commands = new ArrayList<>();
        CanaryRun analysis = new CanaryRun(run.backend(), spec, criteria, weight -> {
            List<Document> route = run.manifest(plan.routeFile(weight));
            run.created(route);
            commands.add("kubectl apply -n " + run.backend().namespace() + " -f " + run.commandPath(plan.routeFile(weight)));
            return route;
        });
        CanaryReport report = analysis.run(step -> { });

        run.article().section(run.words(words));
        run.article().prose(String.format(Locale.ROOT, run.t(
                "段階: %s、しきい値(失敗チェックの上限): %d、インターバル: %d リクエスト(組み込みメッシュでは時間ではなくリクエスト数で区切ります。負荷は %d 並列)。"
                        + "ゲート: 成功率(5xx 以外)≥ %s%%、P99 ≤ %s ms、stable との比較(誤警報率 α = %s: エラー率は Fisher の正確検定、"
                        + "遅延は Mann–Whitney の U 検定で、中央値が %s ms を超えて遅いときだけ不合格)。",
                "Steps: %s; threshold (failed checks before rollback): %d; interval: %d requests from %d parallel callers (on the embedded "
                        + "mesh an interval is a request count, not a time). Gates: success rate (non-5xx) ≥ %s%%, P99 ≤ %s ms, and against stable at false-alarm "
                        + "rate α = %s each: errors by Fisher's exact test, latency by the Mann–Whitney U test, failing only when the median is "
                        + "more than %s ms slower."),
                steps(plan.steps()), plan.threshold(), CanaryPlan.REQUESTS_PER_INTERVAL, CanarySpec.LOAD_CALLERS, num(criteria.minSuccessPercent()),
                num(criteria.maxP99Ms()), num(criteria.alpha()), num(criteria.latencyToleranceMs())));
        run.article().manifest(plan.routeFile(plan.steps().get(0)));
        run.article().commands(run.t("解析が実行したコマンド(順に)", "Commands the analysis ran, in order"), commands);
        run.article().table(run.t("インターバルごとの結果(観測)", "Each interval (observed)"), "1,1,1,1,1,1,3,3,1,1", rows(run, report));
        run.article().figure(timeline(run, report));

        String outcome = String.format(Locale.ROOT, "%s: %s %d%% / %s %d%%, failedChecks %d, %.1f s", report.phase().label(),
                plan.stable(), 100 - report.finalCanaryWeight(), plan.canary(), report.finalCanaryWeight(),
                report.steps().get(report.steps().size() - 1).failedChecks(), report.seconds());
        run.article().output(run.t("結果", "Outcome"), List.of(outcome));
        run.check(plan.expected() == workbench.canary.Phase.SUCCEEDED
                        ? run.t("カナリアが昇格し、100% が " + plan.canary() + " に向かう", "the canary is promoted: 100% to " + plan.canary())
                        : run.t("カナリアが切り戻され、100% が " + plan.stable() + " に戻る", "the canary is rolled back: 100% to " + plan.stable()),
                report.phase() == plan.expected(), outcome);
        run.timing("canary " + plan.canary() + " " + report.phase().label(), String.format(Locale.ROOT, "%d intervals in %.2f s",
                report.steps().size(), report.seconds()));
    }

    private static List<List<String>> rows(LessonRun run, CanaryReport report) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("#", run.t("カナリアの weight", "canary weight"), run.t("リクエスト", "requests"),
                run.t("カナリアが受けた数", "canary requests"), run.t("成功率", "success rate"), "P99",
                run.t("エラー (Fisher)", "errors (Fisher)"), run.t("遅延 (Mann–Whitney)", "latency (Mann–Whitney)"),
                run.t("判定", "decision"), "failedChecks"));
        for (StepReport s : report.steps()) {
            rows.add(List.of(Integer.toString(s.interval()), s.canaryWeight() + "%", Integer.toString(s.requests()),
                    Long.toString(s.measured().canaryRequests()), mark(s, Gate.SUCCESS_RATE), mark(s, Gate.DURATION),
                    mark(s, Gate.ERRORS_VS_STABLE), mark(s, Gate.LATENCY_VS_STABLE), s.decision().label(), Integer.toString(s.failedChecks())));
        }
        return rows;
    }

    private static String mark(StepReport s, String gate) {
        Gate g = s.gates().stream().filter(x -> x.name().equals(gate)).findFirst().orElseThrow();
        return (g.passed() ? "✓ " : "✗ ") + g.detail();
    }

    private static String timeline(LessonRun run, CanaryReport report) {
        List<CanaryTimeline.Interval> intervals = new ArrayList<>();
        for (StepReport s : report.steps()) {
            intervals.add(new CanaryTimeline.Interval("#" + s.interval(), s.canaryWeight(),
                    s.gates().stream().map(Gate::passed).toList(), s.decision().label()));
        }
        List<String> names = report.steps().get(0).gates().stream().map(Gate::name).toList();
        return CanaryTimeline.svg(run.t("カナリアの weight の推移とゲートの結果", "Canary weight per interval, with each gate's outcome"),
                names, intervals, report.phase().label(), report.finalCanaryWeight());
    }

    private static String steps(List<Integer> weights) {
        return String.join(" → ", weights.stream().map(w -> w + "%").toList());
    }

    private static String num(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }
}
