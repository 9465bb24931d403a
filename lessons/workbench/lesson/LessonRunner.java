package workbench.lesson;

import java.io.PrintStream;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.article.DocsIndex;
import workbench.article.HtmlRenderer;
import workbench.article.Language;
import workbench.article.LessonArticle;
import workbench.article.RunRecord;
import workbench.backend.Backend;
import workbench.cli.LessonOptions;
import workbench.manifest.Document;

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
        OffsetDateTime startedAt = OffsetDateTime.now();
        HtmlRenderer.warmUp();
        long seed = options.seedOrRandom();
        String namespace = options.namespace == null ? "default" : options.namespace;
        Preflight.checkOptions(options);
        Language language = options.language();
        out.println(lesson.id() + ": " + lesson.title().in(language).heading());

        Map<String, List<Document>> manifests = Preflight.load(lesson, options.manifests, namespace);
        Preflight.injectionWarning(lesson, namespace).ifPresent(out::println);
        Backend backend = opener.open(options, seed, lesson.id(), out);
        try {
            manifests.values().forEach(backend::admit);
            // a cluster without the addons a lesson reads stops it here, before anything is deployed
            if (lesson.steps().stream().anyMatch(InstallAddons.class::isInstance)) backend.addons();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        LessonArticle article = new LessonArticle(lesson.id(), lesson.title().in(language).heading(), language,
                options.out, options.manifests);
        backend.fallbackReason().ifPresent(why -> article.notice(fallbackNotice(why, language)));
        if (backend.name().equals("embedded")) article.notice(embeddedNotice(lesson.id(), language));
        LessonRun run = new LessonRun(options, backend, article, manifests);
        StepError error = null;
        boolean keepRunning = false;
        try {
            error = runSteps(lesson, run);
            if (error != null && !options.keep) deleteQuietly(run);
            java.util.OptionalInt bulkRequests = run.bulkRuns().isEmpty() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(options.requests);
            article.stamp(RunStamp.of(lesson.id(), backend.name(), backend.stamp(), bulkRequests, run.timings(),
                    startedAt, Duration.ofNanos(System.nanoTime() - started), language));
            writeArticle(article);
            recordRun(lesson, backend, run, RunStamp.date(startedAt), error == null ? null : error.message());
            keepRunning = options.keep && error == null;
        } finally {
            if (!keepRunning) backend.close(); // even when the article could not be written: nothing is left running
        }
        boolean allPassed = run.checks().stream().allMatch(Check::passed);
        int exit = error != null ? LessonResult.ERROR : allPassed ? LessonResult.PASSED : LessonResult.CHECK_FAILED;
        long failed = run.checks().stream().filter(c -> !c.passed()).count();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (error != null) {
            out.printf(Locale.ROOT, "ERROR at step %s after %.1f s (%d checks made, %d failed)%n", error.step(), seconds,
                    run.checks().size(), failed);
        } else {
            out.printf(Locale.ROOT, "%s: %d checks, %d failed, in %.1f s%n", exit == 0 ? "PASSED" : "FAILED",
                    run.checks().size(), failed, seconds);
        }
        if (keepRunning) keepRunning(backend);
        return new LessonResult(exit, run.checks(), run.bulkRuns(), article.htmlPath(), seed, error == null ? null : error.message());
    }

    /** The step that stopped the lesson ("7/13 title") and what stopped it. */
    private record StepError(String step, String message) {}

    /** Runs the steps in order; returns what stopped the lesson, or null when every step ran. */
    private StepError runSteps(Lesson lesson, LessonRun run) {
        List<Step> steps = lesson.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String heading = run.words(step.words()).heading();
            String label = heading.isEmpty() ? run.t("はじめに", "Introduction") : heading;
            String position = (i + 1) + "/" + steps.size();
            run.enter(label);
            int before = run.checks().size();
            long t0 = System.nanoTime();
            try {
                step.run(run);
            } catch (RuntimeException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                out.printf(Locale.ROOT, "[%s] %s ... error%n", position, label);
                run.printedDuringStep().forEach(l -> out.println("      " + l));
                run.article().failure(run.t("このステップは途中で止まりました: ", "This step stopped part-way: ") + message);
                if (options.verbose) e.printStackTrace(out);
                return new StepError(position + " " + label, message);
            }
            // the step line first, then what the step said, so notes never split the progress line
            out.printf(Locale.ROOT, "[%s] %s ... %.2f s%n", position, label, (System.nanoTime() - t0) / 1e9);
            run.printedDuringStep().forEach(l -> out.println("      " + l));
            for (Check c : run.checks().subList(before, run.checks().size())) {
                out.println("      " + c.mark() + " " + c.claim() + " — " + c.observed());
            }
        }
        return null;
    }

    /** The run record beside the article, then the docs index rebuilt from every record: it lists what is there now. */
    private void recordRun(Lesson lesson, Backend backend, LessonRun run, String date, String error) {
        Language language = options.language();
        long passed = run.checks().stream().filter(Check::passed).count();
        String outcome = error != null ? "error" : passed == run.checks().size() ? "passed" : "failed";
        new RunRecord(lesson.id(), language.code(), lesson.title().in(language).heading(), lesson.summary(language),
                backend.name(), date, (int) passed, run.checks().size(), outcome).write(options.out);
        out.println("index: " + DocsIndex.write(options.out));
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

    static String embeddedNotice(String lessonId, Language language) {
        return language.pick("""
            この記事の数値は、JVM の中で Istio 1.28 + Envoy と Bookinfo 1.20.3 を模した**組み込みメッシュ(エミュレータ)**で\
            実行して得たものです。本物のクラスタでの結果ではありません。Docker があるマシンでは \
            ``jbang %1$s@catalog --backend k3s`` で使い捨ての k3s に本物の Istio を入れて、自分のクラスタでは \
            ``--backend kubeconfig`` で、同じレッスンを実行できます。""", """
            The figures in this article come from the **embedded mesh**, an emulation of Istio 1.28 + Envoy and \
            Bookinfo 1.20.3 inside the JVM, not from a real cluster. On a machine with Docker, \
            `jbang %1$s@catalog --backend k3s` runs the same lesson on a throwaway k3s with real Istio, and \
            `--backend kubeconfig` runs it on your own cluster.""").formatted(lessonId);
    }

    /** Why {@code --backend auto} runs this lesson on the embedded mesh; the captured reason sits in a literal block, never read as markup. */
    static String fallbackNotice(String why, Language language) {
        return language.pick("`--backend auto` は k3s を使わず、組み込みメッシュで実行しました。理由:",
                "`--backend auto` did not run this lesson on k3s but on the embedded mesh. Why:")
                + "\n\n....\n" + why.replace("\n", " ") + "\n....";
    }
}
