import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.lesson.Check;
import workbench.lesson.Lesson;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension;
import workbench.lesson.LessonRunExtension.Ran;

/** What a reader sees after editing the lesson's manifests: the verdict follows the manifests, not the lesson text. */
class Lesson03VariantsTest {
    private static final Lesson LESSON = Lesson03TrafficManagement.lesson();

    @TempDir
    Path dir;

    @Test
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
    void aCanaryToAnUndefinedSubsetFailsAndTheArticleShowsTheUnavailableReviews() throws IOException {
        Path manifests = copyOfManifests();
        edit(manifests.resolve("reviews-canary.yaml"), "subset: v3", "subset: v4");

        Ran run = run(manifests, "--requests", "1000", "--seed", "7");

        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.CHECK_FAILED);
        Map<String, Long> canary = run.result().bulkRuns().get(1).byReviews();
        // Envoy answers 503 for the missing cluster; productpage tries reviews twice, then shows its error
        assertThat(canary).containsKeys("v1", "unavailable").doesNotContainKeys("v2", "v3");
        // the bulk check must fail; the 10-request loop fails too when one of its pages lost its reviews
        assertThat(run.result().checks()).filteredOn(c -> !c.passed()).extracting(Check::claim)
                .contains("観測された分布が VirtualService の weight と矛盾しない (α = 1e-6)");
        assertThat(run.html()).contains("class=\"check fail\"", "unavailable", "v4");
        // istioctl analyze would have warned before the apply; the lesson says so in its output and its article
        assertThat(run.console()).contains("analyze: Error [IST0101] (VirtualService default/reviews)", "Referenced host+subset in destinationrule not found: \"reviews+v4\"");
        assertThat(run.html()).contains("IST0101");
        assertThat(run.console()).containsPattern("FAILED: 7 checks, [12] failed");
    }

    @Test
    void theSameSeedReplaysTheSameSplit() throws IOException {
        Path manifests = copyOfManifests();
        Ran first = run(manifests, "--requests", "300", "--seed", "99");
        Ran second = run(manifests, "--requests", "300", "--seed", "99");

        assertThat(second.result().bulkRuns().get(1).byReviews()).isEqualTo(first.result().bulkRuns().get(1).byReviews());
        assertThat(second.result().seed()).isEqualTo(99L);
    }

    private Ran run(Path manifests, String... extra) {
        String[] args = Stream.concat(Stream.of("--backend", "embedded", "--manifests", manifests.toString(),
                "--out", dir.resolve("docs").toString()), Stream.of(extra)).toArray(String[]::new);
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
