package workbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import workbench.manifest.Document;
import workbench.manifest.Manifests;
import workbench.validate.Finding;
import workbench.validate.Findings;

/** Checks files as the API server, istiod's webhook and istioctl analyze would, without running anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate VirtualServices and DestinationRules as Istio 1.28 does. Exit 0 when valid (warnings printed), 1 with the errors otherwise.")
final class ValidateCommand implements Callable<Integer> {

    @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "FILE", description = "Manifest files, in apply order.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Document> docs = Manifests.load(files.toArray(Path[]::new));
        List<Finding> findings = Findings.of(docs, docs);
        findings.forEach(f -> spec.commandLine().getOut().println(Findings.line(f)));
        long errors = findings.stream().filter(Finding::isError).count();
        spec.commandLine().getOut().printf("%s: %d document(s), %d error(s), %d warning(s)%n",
                errors == 0 ? "valid" : "invalid", docs.size(), errors, findings.size() - errors);
        return errors == 0 ? 0 : 1;
    }
}
