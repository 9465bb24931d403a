import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import workbench.article.DocsIndex;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension;
import workbench.testing.Browser;

/**
 * Every article and the docs index as a reader's browser shows them (headless Chromium from Debian, driven by
 * Selenium through /usr/bin/chromedriver): twice over, on articles freshly written by running each lesson on the
 * embedded mesh in both languages, and on the ones committed in docs/. Full-page screenshots of the fresh set go to
 * target/screenshots/fresh/: the committed pages are the same lessons' output from an earlier run, and rasterising a
 * full page takes Chromium 1–3 s, most of this test's time when both sets were shot.
 * The fresh articles are written in the background (lesson 03 spends most of a run waiting on injected delays) while the browser
 * checks the committed ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ArticlesInBrowserTest {
    private static final Path FRESH = Path.of("target", "browser-docs");
    private static final Path COMMITTED = Path.of("docs");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final java.util.regex.Pattern JAPANESE = java.util.regex.Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
    /** Lesson runs at once: enough to overlap their waiting, few enough to leave the browser a core. */
    private static final int WRITERS = 3;
    private static Browser browser;
    private static CompletableFuture<Void> freshWritten;
    /** Fresh pages as the browser first showed them: the English check reads their text without loading them again. */
    private static final Map<Path, Browser.Page> FRESH_PAGES = new ConcurrentHashMap<>();

    @BeforeAll
    static void startBrowserAndWriteFreshArticles() throws Exception {
        Assumptions.assumeTrue(Browser.installed(), Browser.MISSING);
        deleteRecursively(FRESH);
        deleteRecursively(SCREENSHOTS); // no image left from an earlier run, of either set
        freshWritten = writeFreshArticles();
        browser = Browser.start();
    }

    /** Every lesson in both languages, on the embedded mesh, {@link #WRITERS} at a time; then the docs index. */
    private static CompletableFuture<Void> writeFreshArticles() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (String lesson : lessonScripts()) {
            Class<?> script = Class.forName(lesson);
            for (String lang : List.of("ja", "en")) {
                runs.add(CompletableFuture.runAsync(() -> {
                    LessonRunExtension.Ran ran = LessonRunExtension.run(LessonRunExtension.lessonOf(script), "--backend", "embedded", "--seed", "20261130",
                            "--requests", "500", "--lang", lang, "--out", FRESH.toString());
                    assertThat(ran.result().exitCode()).as(lesson + " --lang " + lang + ": " + ran.console() + ran.errors())
                            .isNotEqualTo(LessonResult.ERROR);
                }, writers));
            }
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).whenComplete((ok, failed) -> {
            writers.shutdown();
            // each run rewrote the index from the run records there so far, in whatever order the runs ended; once
            // all are there, the index is written again, as the last of one-after-another runs would have written it
            if (failed == null) DocsIndex.write(FRESH);
            System.out.printf("browser test: fresh articles written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        });
    }

    /** Waits for the fresh articles; a failed lesson run fails the test that needs them, with its own message. */
    private static void awaitFreshArticles() {
        try {
            freshWritten.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) browser.close();
        if (freshWritten != null) freshWritten.handle((ok, failed) -> null).join(); // no lesson left running after the class
    }

    @Order(1)
    @TestFactory
    Stream<DynamicTest> committedArticles() throws IOException { return pagesIn(COMMITTED, "committed"); }

    @Order(2)
    @TestFactory
    Stream<DynamicTest> freshArticles() throws IOException {
        awaitFreshArticles();
        return pagesIn(FRESH, "fresh");
    }

    /** What an English reader sees outside code and listings is English (manifests and commands may hold anything). */
    @Order(3)
    @TestFactory
    Stream<DynamicTest> englishEditionsAreInEnglish() throws IOException {
        awaitFreshArticles();
        return articles(FRESH.resolve("en")).stream().map(article -> DynamicTest.dynamicTest("fresh en/" + article.getFileName(), () ->
                assertThat(FRESH_PAGES.computeIfAbsent(article, browser::open).textOutsideCode())
                        .as("Japanese text in the English edition")
                        .noneMatch(t -> JAPANESE.matcher(t).find())));
    }

    private Stream<DynamicTest> pagesIn(Path docs, String set) throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(set + " index.html", () -> checkIndex(docs, set)));
        for (Path article : articles(docs)) {
            String name = docs.relativize(article).toString();
            tests.add(DynamicTest.dynamicTest(set + " " + name, () -> checkArticle(article, set + "/" + name.replace('/', '-'))));
        }
        return tests.stream();
    }

    private static void checkArticle(Path article, String shotName) throws IOException {
        Browser.Page page = browser.open(article);
        if (article.startsWith(FRESH)) {
            FRESH_PAGES.put(article, page);
            page.screenshot(SCREENSHOTS.resolve(shotName.replace(".html", ".png")));
        }
        assertLoadsCleanlyAndOffline(page);

        assertThat(page.textOutsideCode()).as("text with a literal backtick (inline code not rendered as <code>)")
                .noneMatch(t -> t.contains("`"));
        Map<String, List<String>> found = page.strings(Map.of(
                "admonitionCode", "return [...document.querySelectorAll('.admonitionblock code')].map(c => c.textContent)",
                // lessons with a bulk split check (its table has a version column) must draw its chart; lessons 01 and 02 have none
                "splitTables", "return [...document.querySelectorAll('table th')].map(t => t.textContent.trim())"
                        + ".filter(t => t === 'バージョン' || t === 'Version')"));
        assertThat(found.get("admonitionCode")).as("inline code in the admonition at the top (the embedded mesh's notice)")
                .anyMatch(c -> c.contains("--backend k3s"));

        List<Browser.Chart> charts = page.charts();
        List<String> splitTables = found.get("splitTables");
        if (!splitTables.isEmpty()) assertThat(charts).as("bar charts of the bulk checks").isNotEmpty();
        for (Browser.Chart chart : charts) assertChartMatchesItsTable(chart);

        page.narrow(375);
        assertThat(page.horizontalOverflow()).as("elements wider than a 375 px screen (the page would scroll sideways)").isEmpty();
    }

    private static void checkIndex(Path docs, String set) throws IOException {
        Path index = docs.resolve("index.html");
        assertThat(index).as("docs index").isRegularFile();
        Browser.Page page = browser.open(index);
        if (docs.equals(FRESH)) page.screenshot(SCREENSHOTS.resolve(set + "/index.png"));
        assertLoadsCleanlyAndOffline(page);

        List<String> links = page.strings("return [...document.querySelectorAll('a[href]')].map(a => a.href)");
        assertThat(links).as("links in the index").isNotEmpty();
        for (String link : links) {
            assertThat(link).as("link %s stays on file://", link).startsWith("file:");
            assertThat(Path.of(java.net.URI.create(link.replaceFirst("#.*", "")))).as("target of %s", link).isRegularFile();
        }
        for (Path article : articles(docs)) {
            assertThat(links).as("the index links %s", article).contains(article.toAbsolutePath().normalize().toUri().toString());
        }
        page.narrow(375);
        assertThat(page.horizontalOverflow()).as("elements wider than a 375 px screen").isEmpty();
    }

    private static void assertLoadsCleanlyAndOffline(Browser.Page page) {
        assertThat(page.consoleErrors()).as("console errors").isEmpty();
        assertThat(page.requestedUrls()).as("what the page requested").isNotEmpty()
                .allMatch(url -> url.startsWith("file:") || url.startsWith("data:"), "is file: or data:");
    }

    /**
     * One bar per version row of the table just above the chart, in its order, each as wide as the observed share
     * that row shows (the chart rounds to whole pixels, the table to 0.1%).
     */
    private static void assertChartMatchesItsTable(Browser.Chart chart) {
        List<String> header = chart.table().get(0);
        int shareColumn = -1;
        for (int c = 0; c < header.size(); c++) {
            final int col = c;
            boolean percentages = chart.table().stream().skip(1).allMatch(r -> r.get(col).matches("\\d+(\\.\\d+)?%"));
            if (header.get(c).matches("(?i).*(観測|observed).*") && percentages) shareColumn = c;
        }
        assertThat(shareColumn).as("an observed-share column (%%) in the table above the chart: %s", header).isNotNegative();
        List<List<String>> versions = chart.table().stream().skip(1).filter(r -> r.get(0).matches("v\\d+")).toList();
        assertThat(chart.bars()).extracting(Browser.Bar::label).as("one bar per version row")
                .containsExactlyElementsOf(versions.stream().map(r -> r.get(0)).toList());
        double scale = chart.fullWidth();
        for (int i = 0; i < versions.size(); i++) {
            double share = Double.parseDouble(versions.get(i).get(shareColumn).replace("%", "")) / 100;
            assertThat(chart.bars().get(i).width()).as("bar %s for %s", chart.bars().get(i).label(), versions.get(i).get(shareColumn))
                    .isCloseTo(share * scale, org.assertj.core.data.Offset.offset(0.5 + 0.0005 * scale));
        }
    }

    /** The lesson scripts: every lessons/*.java with a static lesson() method, by class name. */
    private static List<String> lessonScripts() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("lessons"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".java", "");
                if (Files.readString(f).contains("public static Lesson lesson()")) out.add(name);
            }
        }
        assertThat(out).as("lesson scripts").isNotEmpty();
        return out;
    }

    /** docs/*.html and docs/en/*.html, without the index. */
    private static List<Path> articles(Path docs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(docs, docs.resolve("en"))) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".html") && !p.getFileName().toString().equals("index.html"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
