package workbench.lesson;

import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.article.HtmlRenderer;
import workbench.article.LessonArticle;
import workbench.backend.Backend;
import workbench.backend.BackendException;
import workbench.cli.LessonOptions;
import workbench.manifest.Document;
import workbench.manifest.ManifestException;

/**
 * Runs a lesson's steps in order on one backend, printing each step with its duration, and always
 * writes the article — a failed check is shown in it, and the run ends non-zero.
 */
public final class LessonRunner {
    private final LessonOptions options;
    private final PrintStream out;
    private final BackendOpener opener;

    /** Opens the backend named by the options and says which one it chose and why. */
    @FunctionalInterface
    public interface BackendOpener {
        Backend open(LessonOptions options, long seed, String lessonId, PrintStream out);
    }

    public LessonRunner(LessonOptions options, PrintStream out, BackendOpener opener) {
        this.options = options;
        this.out = out;
        this.opener = opener;
    }

    public LessonResult run(Lesson lesson) {
        long started = System.nanoTime();
        HtmlRenderer.warmUp();
        long seed = options.seedOrRandom();
        String namespace = options.namespace == null ? "default" : options.namespace;
        out.println(lesson.id() + ": " + lesson.title());

        Map<String, List<Document>> manifests = Preflight.load(lesson, options.manifests, namespace);
        Backend backend = opener.open(options, seed, lesson.id(), out);
        try {
            manifests.values().forEach(backend::admit);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        LessonArticle article = new LessonArticle(lesson.id(), lesson.title(), options.out, options.manifests);
        if (backend.name().equals("embedded")) article.notice(EMBEDDED_NOTICE);
        LessonRun run = new LessonRun(options, backend, article, manifests, out);
        String error = null;
        try {
            error = runSteps(lesson, run);
        } finally {
            if (error != null && !options.keep) deleteQuietly(run);
            Map<String, String> stamp = stamp(lesson, backend, run, started);
            article.stamp(stamp);
            writeArticle(article);
            if (!options.keep || error != null) backend.close();
        }
        boolean allPassed = run.checks().stream().allMatch(Check::passed);
        int exit = error != null ? LessonResult.ERROR : allPassed ? LessonResult.PASSED : LessonResult.CHECK_FAILED;
        long failed = run.checks().stream().filter(c -> !c.passed()).count();
        out.printf(Locale.ROOT, "%s: %d checks, %d failed, in %.1f s%n", exit == 0 ? "PASSED" : "FAILED",
                run.checks().size(), failed, (System.nanoTime() - started) / 1e9);
        if (options.keep && error == null) keepRunning(backend);
        return new LessonResult(exit, run.checks(), run.bulkRuns(), article.htmlPath(), seed, error);
    }

    /** Returns the error that stopped the lesson, or null when every step ran. */
    private String runSteps(Lesson lesson, LessonRun run) {
        List<Step> steps = lesson.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String label = step.title().isEmpty() ? "はじめに" : step.title();
            run.enter(label);
            int before = run.checks().size();
            long t0 = System.nanoTime();
            out.printf(Locale.ROOT, "[%d/%d] %s ... ", i + 1, steps.size(), label);
            out.flush();
            try {
                step.run(run);
            } catch (ManifestException | BackendException | IllegalStateException | IllegalArgumentException e) {
                out.println("error");
                run.article().failure("このステップは途中で止まりました: " + e.getMessage());
                if (options.verbose) e.printStackTrace(out);
                return e.getMessage();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Check> made = run.checks().subList(before, run.checks().size());
            out.printf(Locale.ROOT, "%.2f s%n", seconds);
            for (Check c : made) out.println("      " + c.mark() + " " + c.claim() + " — " + c.observed());
        }
        return null;
    }

    private Map<String, String> stamp(Lesson lesson, Backend backend, LessonRun run, long started) {
        Map<String, String> stamp = new LinkedHashMap<>(backend.stamp());
        stamp.put("lesson", lesson.id());
        stamp.put("requests per bulk check", Integer.toString(options.requests));
        stamp.putAll(run.timings());
        stamp.put("date", OffsetDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(Locale.ROOT)).substring(0, 19));
        stamp.put("duration", String.format(Locale.ROOT, "%.1f s", Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0));
        stamp.put("java", System.getProperty("java.version"));
        return stamp;
    }

    private void writeArticle(LessonArticle article) {
        java.nio.file.Path html = article.write();
        out.println("article: " + html);
    }

    private static void deleteQuietly(LessonRun run) {
        try {
            run.backend().delete(run.createdNewestFirst());
        } catch (RuntimeException ignored) {
            // the backend is closed next, which tears down whatever could not be deleted
        }
    }

    private void keepRunning(Backend backend) {
        out.println("--keep: the mesh stays up until Ctrl-C. Open productpage: " + backend.browserHint().orElse("(no address)"));
        Runtime.getRuntime().addShutdownHook(new Thread(backend::close));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final String EMBEDDED_NOTICE = """
            この記事の数値は、JVM の中で Istio 1.28 + Envoy と Bookinfo 1.20.3 を模した *組み込みメッシュ(エミュレータ)* で \
            実行して得たものです。本物のクラスタでの結果ではありません。Docker があるマシンでは \
            `jbang lesson03@catalog --backend k3s` で使い捨ての k3s に本物の Istio を入れて、自分のクラスタでは \
            `--backend kubeconfig` で、同じレッスンを実行できます。""";
}
