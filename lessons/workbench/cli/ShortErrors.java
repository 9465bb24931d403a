package workbench.cli;

import java.util.function.Predicate;
import picocli.CommandLine;
import workbench.backend.BackendException;
import workbench.manifest.ManifestException;

/**
 * How every command reports a failure: one line "error: ...", a stack trace only with --verbose, and a hint
 * to ask for one when the error is not the user's input (a manifest, an option, a backend).
 */
public final class ShortErrors {
    private ShortErrors() {}

    public static CommandLine.IExecutionExceptionHandler handler(int exitCode, Predicate<CommandLine.ParseResult> verbose) {
        return (e, commandLine, parseResult) -> {
            boolean userError = e instanceof ManifestException || e instanceof BackendException || e instanceof UsageException;
            commandLine.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (verbose.test(parseResult)) e.printStackTrace(commandLine.getErr());
            else if (!userError) commandLine.getErr().println("(run with --verbose for the stack trace)");
            return exitCode;
        };
    }
}
