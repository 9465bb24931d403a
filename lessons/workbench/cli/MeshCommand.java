package workbench.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code jbang mesh@catalog validate|probe}: try your own Istio configuration on the embedded mesh. */
@Command(name = "jbang mesh@catalog", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Try Istio configurations on the embedded mesh (Istio 1.28 + Envoy, Bookinfo 1.20.3, httpbin).",
        version = "istio-traffic-workbench 0.1.0 (Istio 1.28, Bookinfo 1.20.3)",
        subcommands = {ValidateCommand.class, ProbeCommand.class})
public final class MeshCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "say validate or probe"); }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new MeshCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(ShortErrors.handler(2,
                parsed -> parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose")));
        return cl.execute(args);
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }
}
