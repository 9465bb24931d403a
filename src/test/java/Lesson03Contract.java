import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.lesson.Check;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.traffic.Observations;

/**
 * Lesson 03 as a reader runs it: every check passes and the article shows what happened. The same
 * assertions hold on every backend; each concrete class below names one.
 */
abstract class Lesson03Contract {

    @Test
    void everyCheckPasses(Ran run) {
        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().checks()).hasSize(15).allMatch(Check::passed);
        assertThat(run.console()).contains("PASSED: 15 checks, 0 failed");
    }

    @Test
    void pinningSendsEveryRequestToV1(Ran run) {
        Observations pinned = run.result().bulkRuns().get(0);
        assertThat(pinned.byReviews()).containsExactly(Map.entry("v1", 2000L));
        assertThat(pinned.byRatings()).containsOnlyKeys("none");
    }

    @Test
    void canarySendsOnlyToV1AndV3NearEightyTwenty(Ran run) {
        Observations canary = run.result().bulkRuns().get(1);
        assertThat(canary.byReviews()).containsOnlyKeys("v1", "v3");
        assertThat(canary.byReviews().get("v1") + canary.byReviews().get("v3")).isEqualTo(2000L);
        // v3 pages draw red stars; v1 pages draw none
        assertThat(canary.byRatings()).containsOnlyKeys("none", "red");
        assertThat(canary.byRatings().get("red")).isEqualTo(canary.byReviews().get("v3"));
    }

    @Test
    void articleHasEverySectionOfTheLesson(Ran run) {
        assertThat(run.html()).contains(
                "DestinationRule と VirtualService の役割", "Bookinfo をデプロイする", "DestinationRule で subset を定義する",
                "VirtualService で reviews を v1 に固定する", "80/20 のカナリアに切り替える",
                "カナリアを段階的に進める: 健全な v3 は 100% まで昇格する", "v3 だけを遅くする障害を入れる",
                "遅い v3 はゲートで止まり、0% に切り戻される", "切り戻しが kubectl apply 1 回で済む理由",
                "後片付け", "まとめ");
    }

    @Test
    void theHealthyCanaryIsPromotedAndEveryLaterRequestReachesV3(Ran run) {
        assertThat(run.result().bulkRuns().get(2).byReviews()).containsExactly(Map.entry("v3", 2000L));
    }

    @Test
    void theSlowCanaryIsRolledBackAndEveryLaterRequestReachesV1(Ran run) {
        assertThat(run.result().bulkRuns().get(3).byReviews()).containsExactly(Map.entry("v1", 2000L));
        assertThat(run.adoc()).contains("include::{manifestsdir}/ratings-delay-reviews-v3.yaml[]");
    }

    @Test
    void articleShowsEachIntervalAndATimelinePerAnalysis(Ran run) {
        assertThat(run.html().split("class=\"canary-timeline\"", -1)).hasSize(2 + 1);
        assertThat(run.html()).contains("weight: 90",
                "kubectl apply -n default -f manifests/reviews-canary-10.yaml", "kubectl apply -n default -f manifests/reviews-canary-0.yaml",
                "request-success-rate", "Succeeded: v1 0% / v3 100%", "Failed: v1 100% / v3 0%");
    }

    @Test
    void articleIncludesTheManifestsFromTheirFilesRatherThanCopies(Ran run) {
        assertThat(run.adoc())
                .contains("include::{manifestsdir}/reviews-destination-rule.yaml[]",
                        "include::{manifestsdir}/reviews-v1-only.yaml[]", "include::{manifestsdir}/reviews-canary.yaml[]")
                .doesNotContain("weight: 80");
        assertThat(run.html()).contains("weight: 80", "weight: 20", "subset: v3", "kind: DestinationRule");
    }

    @Test
    void articleShowsTheObservedCountsAndAPassMarkPerCheck(Ran run) {
        Observations canary = run.result().bulkRuns().get(1);
        String html = run.html();
        assertThat(html).contains("<td class=\"tableblock halign-left valign-top\"><p class=\"tableblock\">"
                + canary.byReviews().get("v1") + "</p></td>");
        assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"split-chart\"");
        assertThat(html.split("class=\"check pass\"", -1)).hasSize(15 + 1);
        assertThat(html).doesNotContain("class=\"check fail\"");
        assertThat(html).contains("reviews-v1\nreviews-v1\nreviews-v1\nreviews-v1\nreviews-v1");
    }
}
