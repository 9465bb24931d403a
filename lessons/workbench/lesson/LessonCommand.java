package workbench.lesson;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbench.backend.Backend;
import workbench.backend.BackendException;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.cli.LessonOptions;
import workbench.manifest.ManifestException;

/** The command line of every lesson: options, --help, short errors, and the exit status. */
@Command(mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true)
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
        cl.getCommandSpec().usageMessage().description(lesson.title());
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean userError = e instanceof ManifestException || e instanceof BackendException;
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (options.verbose) e.printStackTrace(commandLine.getErr());
            else if (!userError) commandLine.getErr().println("(run with --verbose for the stack trace)");
            return LessonResult.ERROR;
        });
        return cl;
    }

    @Override
    public Integer call() {
        result = new LessonRunner(options, out, LessonCommand::openBackend).run(lesson);
        if (result.error() != null) err.println("error: " + result.error());
        return result.exitCode();
    }

    static Backend openBackend(LessonOptions options, long seed, PrintStream out) {
        String ns = options.namespace == null ? "default" : options.namespace;
        switch (options.backend) {
            case "auto", "embedded" -> {
                out.println("backend: embedded" + (options.backend.equals("auto") ? " (auto)" : "") + ", seed " + seed);
                return new EmbeddedBackend(seed, ns);
            }
            default -> throw new BackendException("backend '" + options.backend + "' is not available in this build");
        }
    }
}
