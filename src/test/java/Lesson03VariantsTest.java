import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import workbench.lesson.Check;
import workbench.lesson.Lesson;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.traffic.Observations;

/**
 * What a reader sees after editing the lesson's manifests: the verdict follows the manifests, not the lesson text.
 * Each test runs the lesson in this JVM with its own manifests, mesh and output directory; most of a run is spent
 * waiting (the slow v3's injected delay in the rollback canary: about 60% of a warm run), so the tests run side by side.
 * The class itself runs like any other, after the one before it; only its methods are marked concurrent (a class
 * marked concurrent would also run beside other classes).
 */
class Lesson03VariantsTest {
    private static final Lesson LESSON = Lesson03TrafficManagement.lesson();

    @TempDir
    Path dir;

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aFiftyFiftyCanaryPassesAgainstItsOwnWeights() throws IOException {
        Path manifests = copyOfManifests();
        edit(manifests.resolve("reviews-canary.yaml"), "weight: 80", "weight: 50");
        edit(manifests.resolve("reviews-canary.yaml"), "weight: 20", "weight: 50");

        Ran run = run(manifests, "--requests", "1000");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        Map<String, Long> canary = run.result().bulkRuns().get(1).byReviews();
        assertThat(canary).containsOnlyKeys("v1", "v3");
        // 80/20 would put v3 near 200 of 1000; 50/50 puts it near 500 (and the exact test accepted it)
        assertThat(canary.get("v3")).isBetween(400L, 600L);
        assertThat(run.html()).contains("<p class=\"tableblock\">50.0%</p>");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aCanaryToAnUndefinedSubsetFailsOnThePagesThatLostTheirReviews() throws IOException {
        Path manifests = copyOfManifests();
        edit(manifests.resolve("reviews-canary.yaml"), "subset: v3", "subset: v4");

        Ran run = run(manifests, "--requests", "1000", "--seed", "7");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.CHECK_FAILED);
        Observations canary = run.result().bulkRuns().get(1);
        // Envoy answers 503 (NC) for the missing cluster; productpage tries reviews twice, then shows its error
        assertThat(canary.byVersion()).containsOnlyKeys("v1");
        assertThat(canary.errors()).containsOnlyKeys("reviews unavailable");
        // the error row fails; the versions that did answer are all v1, as the configuration allows
        assertThat(failedClaims(run)).contains("すべてのページに reviews が表示される(エラー 0 件)")
                .doesNotContain("すべてのページが v1 から返る(決定的な検査)");
        assertThat(run.html()).contains("class=\"check fail\"", "reviews/v4: istiod builds no cluster for it");
        // istioctl analyze would have warned before the apply; the lesson says so in its output and its article
        assertThat(run.console()).contains("analyze: Error [IST0101] (VirtualService default/reviews)",
                "Referenced host+subset in destinationrule not found: \"reviews+v4\"");
        assertThat(run.html()).contains("IST0101");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSourceLabelsRuleForProductpageSendsEveryPageToV3AndTheLessonExpectsIt() throws IOException {
        Path manifests = copyOfManifests();
        edit(manifests.resolve("reviews-canary.yaml"), "  http:\n", """
                  http:
                  - match:
                    - sourceLabels:
                        app: productpage
                    route:
                    - destination:
                        host: reviews
                        subset: v3
                """);

        Ran run = run(manifests, "--requests", "500", "--seed", "11");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().bulkRuns().get(1).byVersion()).containsOnlyKeys("v3");
        assertThat(run.html()).contains("すべてのページが v3 から返る(決定的な検査)", "spec.http[0]");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSecondVirtualServiceForReviewsIsIgnoredBecauseTheOldestWins() throws IOException {
        Path manifests = copyOfManifests();
        edit(manifests.resolve("reviews-canary.yaml"), "  name: reviews\n", "  name: reviews-canary\n");

        Ran run = run(manifests, "--requests", "500", "--seed", "12");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().bulkRuns().get(1).byVersion()).containsOnlyKeys("v1");
        assertThat(run.console()).contains("IST0109");
        // the expectation names the VirtualService in force, not the one applied last
        assertThat(run.html()).contains("reviews-v1-only.yaml spec.http[0]");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aDestinationWithoutSubsetClaimsNoSplitAndNamesEveryVersion() throws IOException {
        Path manifests = copyOfManifests();
        edit(manifests.resolve("reviews-canary.yaml"), "        subset: v3\n", "");

        Ran run = run(manifests, "--requests", "1000", "--seed", "13");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().bulkRuns().get(1).byVersion()).containsOnlyKeys("v1", "v2", "v3");
        assertThat(run.html()).contains("v1・v2・v3 だけが返り、それぞれ少なくとも 1 回は返る", "LEAST_REQUEST")
                .doesNotContain("reviews- から返る");
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void withoutTheNamespaceLabelPodsGetNoSidecarAndThePinToV1FailsForThatReason() throws IOException {
        Path manifests = copyOfManifests();
        Lesson skipped = LESSON.without(step -> step.words().en().heading().equals("Turn on sidecar injection for the namespace"));

        Ran run = LessonRunExtension.run(skipped, "--backend", "embedded", "--manifests", manifests.toString(),
                "--out", dir.resolve("docs").toString(), "--requests", "300", "--seed", "14");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.CHECK_FAILED);
        assertThat(run.console()).contains("IST0102", "The namespace is not enabled for Istio injection");
        assertThat(failedClaims(run)).contains("すべての Pod が Ready で、istio-proxy が注入されている",
                "すべてのページが v1 から返る(決定的な検査)");
        // kube-proxy spreads productpage's calls over every reviews pod
        assertThat(run.result().bulkRuns().get(0).byVersion()).containsOnlyKeys("v1", "v2", "v3");
        assertThat(run.html()).contains("productpage の Pod に istio-proxy がありません", "1/1");
    }

    private static java.util.List<String> failedClaims(Ran run) {
        return run.result().checks().stream().filter(c -> !c.passed()).map(Check::claim).toList();
    }

    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void theSameSeedReplaysTheSameSplit() throws IOException {
        Path manifests = copyOfManifests();
        // two independent runs (own mesh, own output directory), side by side
        CompletableFuture<Ran> firstRun = CompletableFuture.supplyAsync(() -> runInto("first", manifests, "--requests", "300", "--seed", "99"));
        Ran second = runInto("second", manifests, "--requests", "300", "--seed", "99");
        Ran first = firstRun.join();

        assertThat(second.result().bulkRuns().get(1).byReviews()).isEqualTo(first.result().bulkRuns().get(1).byReviews());
        assertThat(second.result().seed()).isEqualTo(99L);
    }

    private Ran run(Path manifests, String... extra) { return runInto("docs", manifests, extra); }

    private Ran runInto(String outDir, Path manifests, String... extra) {
        String[] args = Stream.concat(Stream.of("--backend", "embedded", "--manifests", manifests.toString(),
                "--out", dir.resolve(outDir).toString()), Stream.of(extra)).toArray(String[]::new);
        return LessonRunExtension.run(LESSON, args);
    }

    private Path copyOfManifests() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("manifests"));
        try (Stream<Path> files = Files.list(Path.of("manifests"))) {
            for (Path f : files.toList()) Files.copy(f, copy.resolve(f.getFileName()));
        }
        return copy;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
