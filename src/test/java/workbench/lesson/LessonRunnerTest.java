package workbench.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static workbench.article.Passage.en;
import static workbench.article.Passage.ja;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.article.Bilingual;
import workbench.lesson.LessonRunExtension.Ran;

/** How a run ends: the exit status, the summary line, and an article written in every case. */
class LessonRunnerTest {
    @TempDir
    Path dir;

    private Ran run(Lesson lesson) {
        return LessonRunExtension.run(lesson, "--backend", "embedded", "--seed", "1", "--out", dir.toString());
    }

    private static Step step(String title, java.util.function.Consumer<LessonRun> action) {
        return new Step() {
            @Override public Bilingual words() { return new Bilingual(ja(title, ""), en(title, "")); }
            @Override public void run(LessonRun run) { action.accept(run); }
        };
    }

    @Test
    void aStepThatThrowsStopsTheLessonWithExitTwoAndTheArticleSaysWhere() throws IOException {
        Lesson lesson = Lesson.titled("lessonT", ja("テスト", ""), en("Test", ""))
                .explain(ja("説明", "本文。"), en("Explanation", "Text."))
                .add(step("壊れた手順", r -> { throw new NullPointerException(); }))
                .explain(ja("届かない節", "ここには来ない。"), en("Unreached", "Never here."));

        Ran run = run(lesson);

        assertThat(run.result().exitCode()).isEqualTo(LessonResult.ERROR);
        assertThat(run.console()).contains("[2/3] 壊れた手順 ... error", "ERROR at step 2/3 壊れた手順").doesNotContain("[3/3]");
        assertThat(run.errors()).startsWith("error: java.lang.NullPointerException");
        assertThat(Files.readString(dir.resolve("lessonT.html"))).contains("このステップは途中で止まりました").doesNotContain("届かない節");
    }

    @Test
    void aFailedCheckStillRunsEveryStepWritesTheArticleAndExitsOne() throws IOException {
        Lesson lesson = Lesson.titled("lessonT", ja("テスト", ""), en("Test", ""))
                .add(step("確かめる", r -> r.check("1 は 2 に等しい", false, "1")))
                .explain(ja("続き", "最後まで進む。"), en("Next", "On to the end."));

        Ran run = run(lesson);

        assertThat(run.result().exitCode()).isEqualTo(LessonResult.CHECK_FAILED);
        assertThat(run.console()).contains("✘ 1 は 2 に等しい — 1", "[2/2] 続き", "FAILED: 1 checks, 1 failed");
        assertThat(Files.readString(dir.resolve("lessonT.html"))).contains("class=\"check fail\"", "続き");
    }

    @Test
    void notesAStepPrintsComeAfterItsProgressLine() {
        Lesson lesson = Lesson.titled("lessonT", ja("テスト", ""), en("Test", "")).add(step("話す", r -> r.say("note: hello")));

        Ran run = run(lesson);

        assertThat(run.console()).contains("[1/1] 話す ... ").containsPattern("\\[1/1] 話す \\.\\.\\. [0-9.]+ s\\R {6}note: hello");
    }
}
