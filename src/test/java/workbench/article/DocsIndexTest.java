package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocsIndexTest {
    @TempDir
    Path docs;

    @Test
    void listsEachLessonWithBothEditionsTheirRunsAndLinks() throws IOException {
        new RunRecord("lesson03", "ja", "ハンズオン 03", "reviews を切り替える。", "embedded", "2026-11-30T03:00:00Z", 7, 7, "passed").write(docs);
        new RunRecord("lesson03", "en", "Hands-on 03", "Steer reviews.", "embedded", "2026-11-30T03:01:00Z", 7, 7, "passed").write(docs);
        new RunRecord("lesson04", "ja", "回路 <遮断>", "", "k3s", "2026-11-30T04:00:00Z", 3, 5, "failed").write(docs);

        String page = Files.readString(DocsIndex.write(docs));

        assertThat(Path.of(docs.toString(), "lesson03.run.json")).isRegularFile();
        assertThat(Path.of(docs.toString(), "en", "lesson03.run.json")).isRegularFile();
        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("<a href=\"lesson03.html\">ハンズオン 03</a>", "<a href=\"en/lesson03.html\">Hands-on 03</a>",
                        "reviews を切り替える。", "Steer reviews.", "embedded、2026-11-30T03:00:00Z、チェック 7/7 合格",
                        "embedded, 2026-11-30T03:01:00Z, 7 of 7 checks passed",
                        "回路 &lt;遮断&gt;", "チェック 3/5 合格(不合格あり)")
                .doesNotContain("回路 <遮断>")
                .doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(page.indexOf("id=\"lesson03\"")).isLessThan(page.indexOf("id=\"lesson04\""));
    }

    @Test
    void anEmptyDocsDirectoryGivesAnIndexSayingSo() throws IOException {
        assertThat(Files.readString(DocsIndex.write(docs))).contains("まだ記事がありません。");
    }

    @Test
    void aBrokenRecordIsAnErrorNamingTheFile() throws IOException {
        Files.writeString(docs.resolve("lesson09.run.json"), "{\"lesson\": \"lesson09\"}");
        assertThatThrownBy(() -> DocsIndex.write(docs)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lesson09.run.json: not a run record").hasMessageContaining("rerun the lesson");
    }

    @Test
    void aRecordInTheWrongLanguagesDirectoryIsRefused() throws IOException {
        Path record = new RunRecord("lesson03", "en", "Hands-on 03", "", "embedded", "d", 1, 1, "passed").write(docs);
        Files.move(record, docs.resolve("lesson03.run.json"));
        assertThatThrownBy(() -> DocsIndex.write(docs)).hasMessageContaining("belongs in");
    }
}
