package workbench.article;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code docs/index.html}: every lesson with an article, its title and one-line summary in each language, the run
 * that wrote each edition (from the run records beside the articles) and a link to it. Plain, escaped HTML with its
 * style inline: it reads offline, like the articles. Rewritten by every lesson run.
 */
public final class DocsIndex {
    private static final String STYLE = """
            body{font-family:sans-serif;line-height:1.5;color:#222;max-width:60rem;margin:0 auto;padding:1rem}
            h1{font-size:1.6rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #ddd}
            .editions{display:flex;flex-wrap:wrap;gap:1rem}.edition{flex:1 1 18rem;min-width:0}
            .edition h3{font-size:1rem;margin:.25rem 0}.run{color:#555;font-size:.9rem}
            .failed{color:#c62828;font-weight:bold}code{background:#f4f4f4;padding:0 .2em}""";

    private DocsIndex() {}

    /** Reads every run record under {@code docsDir} and writes {@code docsDir/index.html}; returns its path. */
    public static Path write(Path docsDir) {
        Path index = docsDir.resolve("index.html");
        try {
            Files.createDirectories(docsDir);
            Files.writeString(index, html(records(docsDir)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the docs index " + index, e);
        }
        return index;
    }

    /** The run records found under {@code docsDir}, by lesson id, each lesson's editions in {@link Language} order. */
    static Map<String, List<RunRecord>> records(Path docsDir) throws IOException {
        Map<String, List<RunRecord>> byLesson = new TreeMap<>();
        for (Language language : Language.values()) {
            Path dir = language.dirIn(docsDir);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".run.json")).sorted().toList()) {
                    RunRecord r = RunRecord.read(f);
                    if (r.lang() != language) {
                        throw new IllegalArgumentException(f + ": a run record for language " + r.language()
                                + " belongs in " + RunRecord.path(docsDir, r.lesson(), r.lang()));
                    }
                    byLesson.computeIfAbsent(r.lesson(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return byLesson;
    }

    static String html(Map<String, List<RunRecord>> lessons) {
        StringBuilder out = new StringBuilder("""
                <!DOCTYPE html>
                <html lang="ja">
                <head>
                <meta charset="UTF-8">
                <meta name="viewport" content="width=device-width, initial-scale=1.0">
                <title>Istio トラフィック管理ワークベンチ / Istio traffic-management workbench</title>
                <style>
                """).append(STYLE).append("\n</style>\n</head>\n<body>\n")
                .append("<h1>Istio トラフィック管理ワークベンチ: 記事一覧 <span lang=\"en\">/ Istio traffic-management workbench: articles</span></h1>\n")
                .append("<p>各記事はレッスンを実行して観測したものです。下の実行記録は、いま置かれている記事を書いた実行です。"
                        + " <span lang=\"en\">Each article was written by running its lesson; the run shown is the one that wrote the article here.</span></p>\n");
        if (lessons.isEmpty()) out.append("<p>まだ記事がありません。 <span lang=\"en\">No articles yet.</span></p>\n");
        lessons.forEach((id, editions) -> {
            out.append("<section class=\"lesson\" id=\"").append(Html.escape(id)).append("\">\n<h2><code>")
               .append(Html.escape(id)).append("</code></h2>\n<div class=\"editions\">\n");
            editions.forEach(r -> edition(out, r));
            out.append("</div>\n</section>\n");
        });
        return out.append("</body>\n</html>\n").toString();
    }

    private static void edition(StringBuilder out, RunRecord r) {
        Language l = r.lang();
        out.append("<div class=\"edition\" lang=\"").append(l.code()).append("\">\n")
           .append("<h3><a href=\"").append(Html.escape(r.articleHref())).append("\">").append(Html.escape(r.title())).append("</a></h3>\n");
        if (!r.summary().isBlank()) out.append("<p>").append(Html.escape(r.summary())).append("</p>\n");
        String checks = l.pick("チェック " + r.checksPassed() + "/" + r.checksTotal() + " 合格",
                r.checksPassed() + " of " + r.checksTotal() + " checks passed");
        String outcome = switch (r.outcome()) {
            case "passed" -> "";
            case "failed" -> l.pick("(不合格あり)", " (a check failed)");
            default -> l.pick("(途中で停止)", " (stopped part-way)");
        };
        out.append("<p class=\"run\">").append(l.pick("日本語版", "English edition")).append(" · ")
           .append(l.pick("最後に記録した実行: ", "last recorded run: "))
           .append(Html.escape(r.backend())).append(l.pick("、", ", ")).append(Html.escape(r.date())).append(l.pick("、", ", "))
           .append(outcome.isEmpty() ? Html.escape(checks) : "<span class=\"failed\">" + Html.escape(checks + outcome) + "</span>")
           .append("</p>\n</div>\n");
    }
}
