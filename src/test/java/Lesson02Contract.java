import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.Check;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension.Ran;

/**
 * Lesson 02 as a reader runs it: every check passes, and the article shows the sidecar's metrics, two service graphs
 * (the second with the ratings edges failing) and one trace as a waterfall. The same assertions hold on every backend.
 */
abstract class Lesson02Contract {
    /** injection 1, deploy 1, sidecar stats 2, addons 2, graph 2, trace 2, graph under the fault 4, cleanup 1. */
    static final int CHECKS = 15;

    @Test
    void everyCheckPasses(Ran run) {
        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().checks()).hasSize(CHECKS).allMatch(Check::passed);
        assertThat(run.console()).contains("PASSED: " + CHECKS + " checks, 0 failed");
    }

    @Test
    void articleShowsTheSidecarStatsAsTheCommandPrintsThem(Ran run) {
        assertThat(run.html()).contains("curl -s localhost:15090/stats/prometheus | grep istio_requests_total | head -5",
                "# TYPE istio_requests_total counter", "istio_requests_total{reporter=");
    }

    @Test
    void articleShowsTheSeriesAddonCommandsAndWhatWasObservedOfThem(Ran run) {
        assertThat(run.html()).contains(
                "kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/prometheus.yaml",
                "kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/kiali.yaml",
                "kubectl apply -f https://raw.githubusercontent.com/istio/istio/release-1.28/samples/addons/jaeger.yaml",
                "GET /api/v1/query?query=istio", "GET /jaeger/api/traces?service=fortio.");
    }

    @Test
    void articleDrawsTwoServiceGraphsTheSecondWithRatingsFailing(Ran run) {
        String html = run.html();
        assertThat(html.split("class=\"service-graph\"", -1)).hasSize(2 + 1);
        String second = html.substring(html.lastIndexOf("class=\"service-graph\""));
        assertThat(second).containsPattern("class=\"e FAILURE\" data-edge=\"reviews-v[23]→ratings\"");
        String first = html.substring(html.indexOf("class=\"service-graph\""), html.lastIndexOf("class=\"service-graph\""));
        assertThat(first).doesNotContain("FAILURE\" data-edge").doesNotContain("data-edge=\"reviews-v1→ratings");
    }

    @Test
    void articleDrawsOneTraceAsAWaterfall(Ran run) {
        assertThat(run.html().split("class=\"trace-waterfall\"", -1)).hasSize(1 + 1);
        assertThat(run.html()).contains("ratings.default", "\"kind\" : \"SERVER\"", "upstream_cluster");
    }

    @Test
    void articleIncludesTheFaultManifestFromItsFile(Ran run) {
        assertThat(run.adoc()).contains("include::{manifestsdir}/ratings-fault-abort.yaml[]");
        assertThat(run.html()).contains("httpStatus: 500");
    }
}
