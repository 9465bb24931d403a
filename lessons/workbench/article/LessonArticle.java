package workbench.article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The article a lesson writes while it runs: the author's prose, the manifests included from their
 * files, the commands a reader types, what was actually observed, a mark per check and a run stamp.
 * It knows nothing about which backend ran; the lesson tells it what to say.
 */
public final class LessonArticle {
    private static final String STYLE = """
            <style>
            .check{display:inline-block;padding:.15em .6em;border-radius:4px;font-weight:bold;color:#fff}
            .check.pass{background:#2e7d32}.check.fail{background:#c62828}
            svg[role=img]{max-width:100%;height:auto;margin:.5em 0 1em} /* charts have a viewBox: they scale down on a phone */
            /* on a phone: tighter cells, and a table still too wide scrolls by itself, never the page */
            @media screen and (max-width:480px){
            table.tableblock th,table.tableblock td{padding:.3em .35em;font-size:.9em}
            table.tableblock{display:block;overflow-x:auto}
            }
            </style>""";

    private final String id;
    private final Language language;
    private final Path outDir;
    private final Path manifestsDir;
    private final AsciiDoc head = new AsciiDoc();
    private final AsciiDoc body = new AsciiDoc();
    private final List<String> notices = new ArrayList<>();
    private List<StampEntry> stamp = List.of();

    /** One fact of the run stamp, already in the reader's language; {@code atTop} ones also open the article. */
    public record StampEntry(String label, String value, boolean atTop) {}

    /** The article {@code docs/<id>.html} (Japanese) or {@code docs/en/<id>.html} (English) under {@code docsDir}. */
    public LessonArticle(String id, String title, Language language, Path docsDir, Path manifestsDir) {
        this.id = id;
        this.language = language;
        this.outDir = language.dirIn(docsDir);
        this.manifestsDir = manifestsDir;
        head.title(title)
            .attribute("manifestsdir", relative(outDir, manifestsDir))
            .unset("webfonts")       // no Google Fonts: the page must read offline
            .attribute("lang", language.code())
            .attribute("toc", "left")
            .attribute("nofooter", "");
        if (language == Language.JA) {
            head.attribute("toc-title", "目次")
                .attribute("important-caption", "重要")
                .attribute("warning-caption", "警告")
                .attribute("caution-caption", "注意")
                .attribute("note-caption", "注記")
                .attribute("tip-caption", "ヒント")
                .attribute("table-caption", "表")
                .attribute("figure-caption", "図")
                .attribute("example-caption", "例");
        }
        head.blank();
    }

    public Language language() { return language; }

    /** Said at the very top, before the lesson's own words (e.g. "these figures come from the emulator"). */
    public void notice(String text) { notices.add(Prose.tidy(text)); }

    public void section(String title, String prose) { body.section(title).prose(Prose.tidy(prose)); }

    public void section(Passage passage) { section(passage.heading(), passage.prose()); }

    public void prose(String text) { body.prose(Prose.tidy(text)); }

    /** The commands a reader types; shown as they are. */
    public void commands(String title, List<String> lines) { body.source("shell", title, String.join("\n", lines)); }

    /** Includes a manifest from its file, so the article always shows exactly what was applied. */
    public void manifest(String fileName) {
        body.include("yaml", "manifests/" + fileName, "{manifestsdir}/" + fileName);
    }

    /** Output as it was printed (captured, so shown as it is). */
    public void output(String title, List<String> lines) { body.literal(title, lines); }

    /** A table of observed values; every cell is shown as it is. */
    public void table(String title, String cols, List<List<String>> rows) { body.table(title, cols, rows); }

    public void chart(String caption, List<BarChart.Bar> bars) { body.html(BarChart.svg(caption, bars, language)); }

    /** A figure the workbench drew itself (inline SVG, escaped by its maker). */
    public void figure(String svg) { body.html(svg); }

    /** A check's mark and what it claimed and observed ({@code text} is shown as it is). */
    public void mark(boolean passed, String text) {
        String cls = passed ? "pass" : "fail";
        String label = passed ? language.pick("✔ 合格", "✔ pass") : language.pick("✘ 不合格", "✘ fail");
        body.prose("[.check." + cls + "]#" + label + "# " + Escape.oneLine(text));
    }

    /** Warnings shown as they were printed, in a WARNING block. */
    public void warnings(String title, List<String> lines) {
        body.line("[WARNING]").line("." + Escape.title(title)).line("====");
        body.literal(null, lines);
        body.line("====").blank();
    }

    /** Why a step stopped ({@code text} holds an error message, shown as it is). */
    public void failure(String text) { body.admonitionText("CAUTION", text); }

    /** The run stamp: a table at the end, and the {@code atTop} facts in one line under the title. */
    public void stamp(List<StampEntry> entries) { this.stamp = List.copyOf(entries); }

    public Path adocPath() { return outDir.resolve(id + ".adoc"); }

    public Path htmlPath() { return outDir.resolve(id + ".html"); }

    public String source() {
        AsciiDoc top = new AsciiDoc().line(head.toString()).html(STYLE);
        for (String n : notices) top.admonition("IMPORTANT", n);
        if (!stamp.isEmpty()) top.prose(language.pick("実行記録: ", "Run: ") + Escape.oneLine(String.join(" / ", stamp.stream()
                .filter(StampEntry::atTop).map(e -> e.label() + " " + e.value()).toList())));
        AsciiDoc end = new AsciiDoc().section(language.pick("実行記録", "Run record"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(language.pick("項目", "Item"), language.pick("値", "Value")));
        stamp.forEach(e -> rows.add(List.of(e.label(), e.value())));
        end.table(null, "1,3", rows);
        return top + body.toString() + end;
    }

    /** Writes the AsciiDoc source and renders it to standalone HTML beside it. */
    public Path write() {
        try {
            Files.createDirectories(outDir);
            Files.writeString(adocPath(), source());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the article to " + outDir, e);
        }
        HtmlRenderer.render(adocPath(), htmlPath());
        return htmlPath();
    }

    private static String relative(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
