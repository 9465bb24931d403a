import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.Check;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension.Ran;

/**
 * Lesson 04 as a reader runs it: every check passes, on every backend. The checks are the circuit breaker's
 * invariants (Istio's circuit-breaking task): the share of 503s is left to timing.
 */
abstract class Lesson04Contract {

    @Test
    void everyCheckPasses(Ran run) {
        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().checks()).isNotEmpty().allMatch(Check::passed);
    }

    @Test
    void oneConnectionIsNeverRefusedAndTheStatsAgreeWithFortio(Ran run) {
        assertThat(run.result().checks()).extracting(Check::claim).contains(
                "接続 1 本(-c 1)では 503 が出ない",
                "fortio の 503 の数がサイドカーの upstream_rq_pending_overflow の増分に等しい",
                "upstream_rq_pending_overflow の増分が、3 回の fortio load で見た 503 の合計に等しい");
    }

    @Test
    void theGatewayAnswersAsRoutedAndTheCanarySplitHoldsBehindIt(Ran run) {
        assertThat(run.result().checks()).extracting(Check::claim).contains(
                "/productpage は 200(Gateway に結び付いた VirtualService が productpage に送る)",
                "/health は 404(どのルールにも当てはまらない)",
                "観測された分布が weight と矛盾しない (α = 1e-6)");
        assertThat(run.result().bulkRuns()).singleElement()
                .satisfies(o -> assertThat(o.byReviews()).containsOnlyKeys("v1", "v3"));
        assertThat(run.html()).contains("kubectl port-forward -n istio-system svc/istio-ingressgateway");
    }

    @Test
    void articleShowsFortiosSummaryAndTheSidecarStats(Ran run) {
        assertThat(run.html())
                .contains("fortio load -c 3 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get")
                .containsPattern("Code 200 : \\d+ \\(\\d+\\.\\d %\\)")
                .contains("# target 99.9%")
                .contains("pilot-agent request GET stats | grep httpbin | grep pending")
                .containsPattern("cluster\\.outbound\\|8000\\|\\|httpbin\\.[a-z0-9-]+\\.svc\\.cluster\\.local\\.upstream_rq_pending_overflow: \\d+")
                .contains("maxConnections: 1", "http1MaxPendingRequests: 1")
                .doesNotContain("class=\"check fail\"");
        assertThat(run.adoc()).contains("include::{manifestsdir}/httpbin-circuit-breaker.yaml[]");
    }
}
