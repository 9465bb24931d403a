package workbench.lesson;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbench.backend.Backend;
import workbench.backend.choice.Backends;
import workbench.cli.LessonOptions;
import workbench.cli.ShortErrors;

/** The command line of every lesson: options, --help, short errors, and the exit status. */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        version = "istio-traffic-workbench 0.1.0 (Istio 1.28, Bookinfo 1.20.3)")
public final class LessonCommand implements Callable<Integer> {
    @Mixin
    LessonOptions options = new LessonOptions();

    private final Lesson lesson;
    private final PrintStream out;
    private final PrintStream err;
    private LessonResult result;

    LessonCommand(Lesson lesson, PrintStream out, PrintStream err) {
        this.lesson = lesson;
        this.out = out;
        this.err = err;
    }

    public static int execute(Lesson lesson, String... args) {
        return new LessonCommand(lesson, System.out, System.err).commandLine().execute(args);
    }

    /** For tests: runs the lesson and returns everything it produced; a run that could not start has no article. */
    public static LessonResult executeForResult(Lesson lesson, PrintStream out, PrintStream err, String... args) {
        LessonCommand command = new LessonCommand(lesson, out, err);
        int exit = command.commandLine().execute(args);
        return command.result != null ? command.result
                : new LessonResult(exit, java.util.List.of(), java.util.List.of(), null, -1, "did not run");
    }

    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this);
        cl.getCommandSpec().name("jbang " + lesson.id() + "@catalog");
        cl.getCommandSpec().usageMessage().description(lesson.title().en().heading());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler(ShortErrors.handler(LessonResult.ERROR, parsed -> options.verbose));
        return cl;
    }

    @Override
    public Integer call() {
        result = new LessonRunner(options, out, LessonCommand::openBackend).run(lesson);
        if (result.error() != null) err.println("error: " + result.error());
        return result.exitCode();
    }

    /** Chooses the backend, says which and why in one line, then opens it (k3s takes minutes). */
    static Backend openBackend(LessonOptions options, long seed, String lessonId, PrintStream out) {
        Backends.Options wanted = new Backends.Options(options.backend, seed, options.namespace, options.kubeconfig,
                options.context, options.keep, options.reuse, options.istioVersion, lessonId);
        Backends.Choice choice = Backends.choose(wanted, Backends::dockerAnswers, Backends.dockerWhere());
        out.println("backend: " + choice.reason() + (choice.backend().equals("embedded") ? "; seed " + seed : ""));
        return Backends.open(choice, wanted, out::println);
    }
}
