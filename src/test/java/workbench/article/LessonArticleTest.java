package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonArticleTest {
    @TempDir
    Path dir;

    @Test
    void writesAsciiDocThatIncludesManifestsAndRendersStandaloneOfflineHtml() throws IOException {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("vs.yaml"), "kind: VirtualService\nweight: 80\n");
        LessonArticle article = new LessonArticle("lessonXX", "題名", Language.JA, dir.resolve("docs"), manifests);
        article.notice("エミュレータで実行しました。");
        article.section("節", "本文です。");
        article.manifest("vs.yaml");
        article.commands("コマンド", List.of("kubectl apply -f manifests/vs.yaml"));
        article.output("出力", List.of("reviews-v1", "reviews-v3"));
        article.mark(true, "うまくいった");
        article.mark(false, "うまくいかなかった");
        article.stamp(List.of(new LessonArticle.StampEntry("バックエンド", "embedded", true),
                new LessonArticle.StampEntry("シード", "7", true), new LessonArticle.StampEntry("Java", "21", false)));

        Path html = article.write();

        String adoc = Files.readString(dir.resolve("docs/lessonXX.adoc"));
        assertThat(adoc).contains(":manifestsdir: ../manifests", "include::{manifestsdir}/vs.yaml[]", ":webfonts!:")
                .doesNotContain("weight: 80");
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("weight: 80", "reviews-v1\nreviews-v3",
                "class=\"check pass\"", "class=\"check fail\"", "エミュレータで実行しました。", "<td class=\"tableblock halign-left valign-top\"><p class=\"tableblock\">シード</p></td>",
                "実行記録: バックエンド embedded / シード 7</p>");
        assertThat(page).doesNotContainPattern("<link[^>]+https?://").doesNotContainPattern("<script[^>]+src=\"https?://");
    }
}
