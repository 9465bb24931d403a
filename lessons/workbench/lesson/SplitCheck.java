package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.article.BarChart;
import workbench.article.Bilingual;
import workbench.traffic.Observations;
import workbench.traffic.Probe;
import workbench.verdict.ExpectedSplit;
import workbench.verdict.Power;
import workbench.verdict.SplitTest;
import workbench.verdict.SplitVerdict;

/**
 * Sends the bulk run through a caller-side sidecar and tests the observed reviews split against the
 * weights of the VirtualService in force, with an exact test.
 */
record SplitCheck(Bilingual words) implements Step {
    /** A split this far off the weights must be caught (with {@link #POWER} at least). */
    static final double SHIFT = 0.10;
    static final double POWER = 0.999;

    @Override
    public void run(LessonRun run) {
        int n = run.options().requests;
        ExpectedSplit expected = run.expectedReviewsSplit(run.words(words).heading());

        Observations observed = Probe.bulk(run.backend().productPage(), "/productpage", Map.of(), n, run.options().concurrency);
        run.recordBulk(observed);
        SplitVerdict verdict = SplitTest.test(expected, observed.byReviews(), SplitTest.DEFAULT_ALPHA);

        run.article().section(run.words(words));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("バージョン", "期待 (weight)", "観測数", "観測割合", "p 値"));
        List<BarChart.Bar> bars = new ArrayList<>();
        for (SplitVerdict.Row r : verdict.rows()) {
            rows.add(List.of(r.category(), percent(r.expectedShare()), Long.toString(r.count()),
                    percent(r.observedShare()), String.format(Locale.ROOT, "%.3g", r.pValue())));
            bars.add(new BarChart.Bar(r.category(), r.observedShare(), r.expectedShare()));
        }
        run.article().table(String.format(Locale.ROOT, "%,d リクエストの内訳(観測)", observed.size()), "1,1,1,1,1", rows);
        run.article().chart("reviews のバージョン別の割合", bars);

        boolean certain = expected.shares().values().stream().allMatch(p -> p == 0 || p == 1);
        // the test is Bonferroni-corrected, so each version is tested at alpha / (number of versions tested)
        long tested = expected.shares().values().stream().filter(p -> p > 0 && p < 1).count();
        double perVersionAlpha = SplitTest.DEFAULT_ALPHA / Math.max(1, tested);
        double power = 1.0;
        for (double p : expected.shares().values()) power = Math.min(power, Power.detect(n, p, SHIFT, perVersionAlpha));
        int needed = certain ? 1 : Power.requestsNeeded(expected.shares().values(), SHIFT, perVersionAlpha, POWER);
        String sensitivity = certain
                ? "weight が 0% か 100% だけなので、割り当てのないバージョンが 1 件でも返れば不合格になります。"
                : String.format(Locale.ROOT, "%,d リクエストなら、どれかのバージョンの割合が 10 ポイントずれていれば確率 %s で検出できます"
                        + "(確率 %.3f で検出するのに必要な数: %,d)。", n, probability(power), POWER, needed);
        run.article().prose(String.format(Locale.ROOT, """
                検定: %s。期待値は %s から読み取りました。 +
                有意水準 α = %.0e(正しいメッシュが誤って不合格になる確率の上限)、p 値 = %.3g。 +
                %s +
                所要時間 %.2f 秒、%.0f リクエスト/秒。""",
                SplitTest.NAME, expected.source(), verdict.alpha(), verdict.pValue(), sensitivity,
                observed.elapsed().toNanos() / 1e9, observed.requestsPerSecond()));
        if (n < needed) {
            run.say(String.format(Locale.ROOT, "note: %,d requests cannot reliably catch a 10-point shift; %,d would", n, needed));
        }
        run.check("観測された分布が VirtualService の weight と矛盾しない (α = 1e-6)", verdict.passed(), verdict.summary());
        run.timing("bulk " + run.bulkRuns().size(), String.format(Locale.ROOT, "%,d requests in %.2f s (%.0f req/s)",
                observed.size(), observed.elapsed().toNanos() / 1e9, observed.requestsPerSecond()));
    }

    /** "0.9993", or "> 0.999999" where printing more digits would round to a certainty it is not. */
    private static String probability(double p) {
        return p > 0.999999 ? "> 0.999999" : String.format(Locale.ROOT, "%.6f", p);
    }

    private static String percent(double share) { return String.format(Locale.ROOT, "%.1f%%", 100 * share); }
}
