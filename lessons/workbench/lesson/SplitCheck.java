package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.article.BarChart;
import workbench.article.Bilingual;
import workbench.backend.PageClient;
import workbench.traffic.Observations;
import workbench.traffic.WarmUp;
import workbench.traffic.Probe;
import workbench.verdict.ExpectedSplit;
import workbench.verdict.Power;
import workbench.verdict.SplitTest;
import workbench.verdict.SplitVerdict;

/**
 * Sends the bulk run from fortio and judges it against what the configuration in force asks for, derived by
 * productpage's own routing decision: pages without reviews are counted and checked in their own row, and the
 * versions are tested with the test the expectation allows (exact binomial, deterministic, or presence).
 */
record SplitCheck(Bilingual words, Via via) implements Step {
    /** Where the bulk run's requests enter: fortio's sidecar inside the mesh, or the ingress gateway from the reader's machine. */
    enum Via { FORTIO, GATEWAY }

    SplitCheck(Bilingual words) { this(words, Via.FORTIO); }

    /** A split this far off the weights must be caught (with {@link #POWER} at least). */
    static final double SHIFT = 0.10;
    static final double POWER = 0.999;
    /** The bulk run starts after this many good pages in a row, or after the limit (then the article says so). */
    static final int WARM_UP_PAGES = 10;
    static final java.time.Duration WARM_UP_LIMIT = java.time.Duration.ofSeconds(60);

    @Override
    public void run(LessonRun run) {
        int n = run.options().requests;
        LessonRun.Expectation expectation = run.expectedReviews(run.words(words).heading());
        ExpectedSplit expected = expectation.split();

        PageClient client = via == Via.GATEWAY
                ? workbench.traffic.GatewayClient.at(run.backend().ingressGateway()) : run.backend().productPage();
        // a cluster's Java reviews pods answer their first requests slowly (beyond productpage's 3 s timeout): warm up first
        WarmUp.Result warmUp = WarmUp.run(client, "/productpage", Map.of(), WARM_UP_PAGES, WARM_UP_LIMIT);
        Observations observed = Probe.bulk(client, "/productpage", Map.of(), n, run.options().concurrency);
        run.recordBulk(observed);
        SplitVerdict verdict = SplitTest.test(expected, observed.byVersion(), SplitTest.DEFAULT_ALPHA);

        run.article().section(run.words(words));
        ExpectationProse.write(run, expectation);

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(run.t("バージョン", "Version"), run.t("期待", "Expected"), run.t("観測数", "Count"),
                run.t("観測割合", "Observed share"), run.t("p 値", "p-value")));
        List<BarChart.Bar> bars = new ArrayList<>();
        for (SplitVerdict.Row r : verdict.rows()) {
            String expectedCell = Double.isNaN(r.expectedShare())
                    ? (expected.versions().contains(r.category()) ? run.t("あり(割合は負荷次第)", "yes (share depends on load)") : "0%")
                    : percent(r.expectedShare());
            rows.add(List.of(r.category(), expectedCell, Long.toString(r.count()), percent(r.observedShare()),
                    Double.isNaN(r.pValue()) ? "—" : String.format(Locale.ROOT, "%.3g", r.pValue())));
            bars.add(new BarChart.Bar(r.category(), r.observedShare(), Double.isNaN(r.expectedShare()) ? 0 : r.expectedShare()));
        }
        rows.add(List.of(run.t("(エラー: reviews なし)", "(errors: no reviews)"), "0", Long.toString(observed.errorCount()),
                percent(observed.size() == 0 ? 0 : (double) observed.errorCount() / observed.size()), "—"));
        run.article().table(String.format(Locale.ROOT, run.t("%,d リクエストの内訳(観測)", "The %,d requests (observed)"), observed.size()),
                "2,2,1,1,1", rows);
        run.article().chart(run.t("reviews のバージョン別の割合(reviews を表示したページのうち)",
                "Share of each reviews version (among pages that showed reviews)"), bars);
        run.article().prose(run.t("計測の前のウォームアップ(観測、集計には含めません): ", "Warm-up before measuring (observed, not counted): ")
                + warmUpSummary(run, warmUp));
        run.article().prose(testProse(run, expected, verdict, n, observed));

        run.check(run.t("すべてのページに reviews が表示される(エラー 0 件)", "every page shows reviews (0 errors)"),
                observed.errorCount() == 0, observed.errorCount() == 0 ? run.t("エラー 0 件", "0 errors")
                        : run.t("エラー ", "errors ") + observed.errorCount() + " " + observed.errors());
        run.check(claim(run, expected, verdict), verdict.passed(), verdict.summary(run.language()));
        run.timing("warm-up " + run.bulkRuns().size(), warmUpSummary(run, warmUp));
        run.timing("bulk " + run.bulkRuns().size(), String.format(Locale.ROOT,
                run.t("%,d リクエスト、%.2f 秒(%.0f リクエスト/秒)", "%,d requests in %.2f s (%.0f req/s)"),
                observed.size(), observed.elapsed().toNanos() / 1e9, observed.requestsPerSecond()));
    }

    private static String claim(LessonRun run, ExpectedSplit expected, SplitVerdict verdict) {
        String versions = String.join(run.t("・", ", "), expected.versions());
        return switch (verdict.kind()) {
            case EXACT_TEST -> run.t("観測された分布が weight と矛盾しない (α = 1e-6)", "the observed mix is consistent with the weights (α = 1e-6)");
            case DETERMINISTIC -> expected.versions().isEmpty()
                    ? run.t("どのバージョンも返らない", "no version answers")
                    : run.t("すべてのページが " + versions + " から返る(決定的な検査)", "every page comes from " + versions + " (a deterministic check)");
            case PRESENCE -> run.t(versions + " だけが返り、それぞれ少なくとも 1 回は返る", "only " + versions + " answer, each at least once");
        };
    }

    private static String testProse(LessonRun run, ExpectedSplit expected, SplitVerdict verdict, int n, Observations observed) {
        String timing = String.format(Locale.ROOT, run.t("所要時間 %.2f 秒、%.0f リクエスト/秒。", "%.2f s, %.0f requests/s."),
                observed.elapsed().toNanos() / 1e9, observed.requestsPerSecond());
        return switch (verdict.kind()) {
            case EXACT_TEST -> {
                double perTest = verdict.alpha() / verdict.tests();
                double power = 1.0;
                for (double p : expected.shares().values()) power = Math.min(power, Power.detect(n, p, SHIFT, perTest));
                int needed = Power.requestsNeeded(expected.shares().values(), SHIFT, perTest, POWER);
                if (n < needed) run.say(String.format(Locale.ROOT, "note: %,d requests cannot reliably catch a 10-point shift; %,d would", n, needed));
                String test = verdict.tests() == 1
                        ? run.t("正確二項検定(両側)。バージョンが 2 つなので、片方の検定がもう片方の検定と同じになり、1 回だけ行います",
                                "an exact two-sided binomial test. With two versions, testing one is testing the other, so it runs once")
                        : String.format(Locale.ROOT, run.t("バージョンごとの正確二項検定(両側)を %d 回行い、最小の p 値を %d 倍して補正します(Bonferroni)",
                                "an exact two-sided binomial test per version, %d of them; the smallest p-value is multiplied by %d (Bonferroni)"),
                                verdict.tests(), verdict.tests());
                String p = verdict.adjusted() ? run.t("補正後の p 値", "adjusted p-value") : run.t("p 値", "p-value");
                yield String.format(Locale.ROOT, run.t("""
                        検定: %s。 +
                        有意水準 α = %.0e(正しいメッシュが誤って不合格になる確率の上限)、%s = %.3g。 +
                        %,d リクエストなら、どれかのバージョンの割合が 10 ポイントずれていれば確率 %s で検出できます(確率 %.3f で検出するのに必要な数: %,d)。 +
                        %s""", """
                        Test: %s. +
                        Significance level α = %.0e (the most often a correct mesh can fail), %s = %.3g. +
                        With %,d requests, a version 10 points off its share is caught with probability %s (%.3f would need %,d). +
                        %s"""), test, verdict.alpha(), p, verdict.pValue(), n, probability(power), POWER, needed, timing);
            }
            case DETERMINISTIC -> {
                int needed = Power.deterministicRequestsNeeded(SHIFT, POWER);
                if (n < needed) run.say(String.format(Locale.ROOT, "note: %,d requests cannot reliably catch a 10%% stray share; %,d would", n, needed));
                yield String.format(Locale.ROOT, run.t("""
                        検定は要りません。期待が 0%% か 100%% だけなので、ほかのバージョンが 1 件でも返れば不合格になる決定的な検査です。 +
                        本当は 10%% がほかへ流れているとき、%,d リクエストで気づく確率は 1 − 0.9^%,d = %s です%s。 +
                        %s""", """
                        No statistics needed: every expected share is 0%% or 100%%, so one page from another version fails the check. +
                        If 10%% of pages truly went elsewhere, %,d requests would notice with probability 1 − 0.9^%,d = %s%s. +
                        %s"""), n, n, probability(Power.deterministic(n, SHIFT)),
                        n < needed ? String.format(Locale.ROOT, run.t("(確実に捉えるには %,d 件必要)", " (reliably catching it needs %,d)"), needed) : "",
                        timing);
            }
            case PRESENCE -> String.format(Locale.ROOT, run.t("""
                    送り先の Pod が複数のバージョンにまたがるので、割合は主張しません。Envoy の既定の負荷分散 LEAST_REQUEST は \
                    処理中のリクエスト数で Pod を選ぶため、割合が負荷で変わるからです。 \
                    確かめるのは、ほかのバージョンが返らないことと、一様に選ばれたとしたら %,d 件で一度も現れない確率が α = %.0e 未満の \
                    バージョンが、少なくとも 1 回は返ることです。 +
                    %s""", """
                    The destination's pods span versions, so no shares are claimed: Envoy's default LEAST_REQUEST balancer picks \
                    pods by their requests in flight, and the shares move with load. \
                    The check is that no other version answers, and that every version that would, under a uniform choice, \
                    miss all %,d pages with probability below α = %.0e answers at least once. +
                    %s"""), n, verdict.alpha(), timing);
        };
    }

    private static String warmUpSummary(LessonRun run, WarmUp.Result w) {
        double seconds = w.took().toMillis() / 1000.0;
        return w.reached()
                ? String.format(Locale.ROOT, run.t("%d ページ目までに正常なページが %d 回続きました(%.1f 秒)",
                        "%2$d good pages in a row after %1$d pages, %3$.1f s"), w.pagesSent(), w.wanted(), seconds)
                : String.format(Locale.ROOT, run.t("%.1f 秒以内に正常なページが %d 回続きませんでした(%d ページ送信)。そのまま計測します",
                        "no %2$d good pages in a row within %1$.1f s (%3$d pages sent); measuring anyway"), seconds, w.wanted(), w.pagesSent());
    }

    /** "0.9993", or "> 0.999999" where printing more digits would round to a certainty it is not. */
    private static String probability(double p) {
        return p > 0.999999 ? "> 0.999999" : String.format(Locale.ROOT, "%.6f", p);
    }

    private static String percent(double share) { return String.format(Locale.ROOT, "%.1f%%", 100 * share); }
}
