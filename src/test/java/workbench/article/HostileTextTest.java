package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a run captures is shown as it was: hostile strings pushed through every captured channel of the
 * article come out in the rendered page as text, with no element, include, passthrough, attribute, macro or
 * formatting of their making. The page is read as a browser reads it (jsoup: text content and elements).
 */
class HostileTextTest {
    /** Each is a line that AsciiDoc would otherwise act on. */
    static final List<String> HOSTILE = List.of(
            "include::/etc/passwd[]",
            "\\include::/etc/passwd[]",
            "ifdef::backend-html5[]",
            "endif::[]",
            "++++<script>alert(1)</script>++++",
            "pass:[<b>x</b>]",
            "+++<i>y</i>+++",
            "{manifestsdir}",
            "....",
            "----",
            "|===",
            "====",
            "<script>",
            "link:javascript:alert(1)[x]",
            "image::x.png[]",
            "image:x.png[]",
            "*bold*",
            "**bold**",
            "`code`",
            "_em_ #mark# ~sub~ ^sup^",
            "NOTE: not an admonition",
            "term:: not a list",
            "* not a list item",
            ". not a list item",
            "1. not a list item",
            "// not a comment",
            ":attr: not an attribute",
            "[[anchor]] <<xref>> ((index)) (((hidden)))",
            "https://example.com a@b.example",
            "a -- b ... (C) (R) (TM) it's -> <= =>",
            "&amp; &#42; &lt;tag&gt;",
            "x +",
            "    indented");

    @TempDir Path dir;
    Path manifests;

    @BeforeEach
    void manifestsDirectory() throws IOException {
        manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(dir.resolve("secret.txt"), "SECRET-OUTSIDE-MANIFESTS");
    }

    @Test
    void everyCapturedChannelShowsHostileTextLiterally() throws IOException {
        String block = String.join("\n", HOSTILE);
        Files.writeString(manifests.resolve("hostile.yaml"), "kind: VirtualService\n" + block + "\ninclude::../secret.txt[]\n");
        LessonArticle article = new LessonArticle("hostile", "題名", Language.JA, dir.resolve("docs"), manifests);
        article.manifest("hostile.yaml");
        article.output("output-block", HOSTILE);
        article.commands("commands-block", HOSTILE);
        article.warnings("warnings-block", HOSTILE);
        article.failure(block);
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("header", "value"));
        for (String h : HOSTILE) rows.add(List.of("cell", h));
        article.table("table-block", "1,3", rows);
        for (String h : HOSTILE) article.mark(false, h);
        List<LessonArticle.StampEntry> stamp = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) stamp.add(new LessonArticle.StampEntry("key" + i, HOSTILE.get(i), false));
        stamp.add(new LessonArticle.StampEntry("seed", "{manifestsdir} include::/etc/passwd[]", true));
        article.stamp(stamp);

        var page = Jsoup.parse(Files.readString(article.write()));

        assertThat(listing(page, "manifests/hostile.yaml")).isEqualTo("kind: VirtualService\n" + block + "\ninclude::../secret.txt[]");
        assertThat(listing(page, "output-block")).isEqualTo(block);
        assertThat(listing(page, "commands-block")).isEqualTo(block);
        assertThat(listing(page, "warnings-block")).isEqualTo(block);
        assertThat(page.select("div.admonitionblock.caution td.content pre").first().wholeText()).isEqualTo(block);
        List<String> cells = page.select("table.tableblock tbody tr").stream()
                .filter(tr -> tr.child(0).text().equals("cell")).map(tr -> tr.child(1).wholeText().strip()).toList();
        assertThat(cells).isEqualTo(HOSTILE.stream().map(String::strip).toList());
        List<String> marks = page.select("p:has(span.check)").stream()
                .map(p -> p.wholeText().replaceFirst("^✘ 不合格 ", "")).toList();
        assertThat(marks).isEqualTo(HOSTILE);
        List<String> stampValues = page.select("table.tableblock tbody tr").stream()
                .filter(tr -> tr.child(0).text().startsWith("key")).map(tr -> tr.child(1).wholeText().strip()).toList();
        assertThat(stampValues).isEqualTo(HOSTILE.stream().map(String::strip).toList());
        assertThat(page.text()).contains("seed {manifestsdir} include::/etc/passwd[]");

        // nothing of the hostile text's making: no element, no included file, no resolved attribute
        assertThat(page.select("script")).isEmpty();
        Element content = page.getElementById("content");
        assertThat(content.select("b, i, img, strong, em, mark, sub, sup, a, dl, ul, ol, iframe, br")).isEmpty();
        assertThat(content.select("code").stream().filter(c -> c.parents().stream().noneMatch(p -> p.tagName().equals("pre")))).isEmpty();
        assertThat(page.html()).doesNotContain("root:x:0:0", "SECRET-OUTSIDE-MANIFESTS", "../manifests<");
    }

    @Test
    void anIncludeOutsideTheManifestsDirectoryIsRefused() throws IOException {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Path adoc = Files.writeString(docs.resolve("a.adoc"), """
                = T
                :manifestsdir: ../manifests

                ----
                include::../secret.txt[]
                include::{manifestsdir}/../secret.txt[]
                include::/etc/passwd[]
                ----
                """);
        HtmlRenderer.render(adoc, docs.resolve("a.html"));
        String text = Jsoup.parse(Files.readString(docs.resolve("a.html"))).text();
        assertThat(text).doesNotContain("SECRET-OUTSIDE-MANIFESTS", "root:x:0:0")
                .contains("include refused: ../secret.txt", "include refused: /etc/passwd");
    }

    @Test
    void inlineCodeNextToJapaneseRendersAsCode() throws IOException {
        LessonArticle article = new LessonArticle("ja", "題名", Language.JA, dir.resolve("docs"), manifests);
        article.notice("Docker があるマシンでは`jbang lesson03@catalog --backend k3s`で使い捨ての k3s を使います。");
        article.prose("これは*組み込みメッシュ*です。");
        var page = Jsoup.parse(Files.readString(article.write()));
        assertThat(page.select("code").eachText()).containsExactly("jbang lesson03@catalog --backend k3s");
        assertThat(page.select("strong").eachText()).containsExactly("組み込みメッシュ");
        assertThat(page.getElementById("content").text()).doesNotContain("`", "*");
    }

    /** The text of the listing or literal block titled {@code title}. */
    private static String listing(org.jsoup.nodes.Document page, String title) {
        Element titled = page.select("div.title").stream().filter(t -> t.text().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no block titled " + title));
        Element pre = titled.parent().selectFirst("pre");
        assertThat(pre).as("listing %s", title).isNotNull();
        return pre.wholeText();
    }
}
