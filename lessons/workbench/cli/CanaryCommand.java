package workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import workbench.backend.Backend;
import workbench.backend.choice.Backends;
import workbench.canary.CanaryReport;
import workbench.canary.CanaryRun;
import workbench.canary.CanarySpec;
import workbench.canary.Criteria;
import workbench.canary.Gate;
import workbench.canary.StepReport;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.Subset;
import workbench.manifest.Document;
import workbench.manifest.Manifests;
import workbench.traffic.Observations;
import workbench.validate.Finding;
import workbench.validate.Findings;

/**
 * {@code jbang canary@catalog}: a progressive canary with Flagger's semantics on Bookinfo. Deploys Bookinfo and
 * fortio, applies the subsets (manifests/reviews-destination-rule.yaml) and the extra files, routes everything to the
 * stable subset and warms the mesh there, then steps the canary's weight up, judging each interval on the sidecars'
 * metrics. Exit 0 promoted, 1 rolled back, 2 bad input or an error.
 */
@Command(name = "jbang canary@catalog", mixinStandardHelpOptions = true, sortOptions = false,
        version = "istio-traffic-workbench 0.1.0 (Istio 1.28, Bookinfo 1.20.3)",
        description = "Progressive canary with Flagger's analysis: step weights, gates on Istio's metrics, promotion or rollback.")
public final class CanaryCommand implements Callable<Integer> {
    public static final int PROMOTED = 0;
    public static final int ROLLED_BACK = 1;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "The service whose versions are compared, e.g. reviews.")
    String service;

    @Option(names = "--stable", required = true, paramLabel = "SUBSET", description = "The subset serving today (DestinationRule subset), e.g. v1.")
    String stable;

    @Option(names = "--canary", required = true, paramLabel = "SUBSET", description = "The new version's subset, e.g. v3.")
    String canary;

    @Option(names = "--steps", required = true, split = ",", paramLabel = "W,W,...",
            description = "Canary weights in percent, increasing, each in (0, 100), e.g. 10,20,50.")
    List<Integer> steps = new ArrayList<>();

    @Option(names = "--threshold", defaultValue = "2", paramLabel = "N", description = "Failed checks before rollback (≥ 1). Default: ${DEFAULT-VALUE}.")
    int threshold;

    @Option(names = "--min-success", defaultValue = "99", paramLabel = "PCT", description = "Least non-5xx share of the canary's requests, percent. Default: ${DEFAULT-VALUE}.")
    double minSuccess;

    @Option(names = "--max-p99-ms", defaultValue = "500", paramLabel = "MS", description = "Largest P99 of the canary's durations. Default: ${DEFAULT-VALUE}.")
    double maxP99Ms;

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE", description = "Extra Istio configuration applied before the analysis (repeatable).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--requests", defaultValue = "100", paramLabel = "N", description = "Requests per analysis interval. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--interval", defaultValue = "30s", paramLabel = "DURATION",
            description = "Clusters: real time each interval's requests are spread over (Go-style, e.g. 30s, 1m). The embedded mesh ignores it: its interval is the request count. Default: ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--concurrency", defaultValue = "" + CanarySpec.LOAD_CALLERS, paramLabel = "N",
            description = "The load tester's parallel callers; each takes the interval's next request when its last one is answered. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--backend", defaultValue = "embedded", paramLabel = "NAME", description = "embedded, k3s, kubeconfig or auto. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--namespace", paramLabel = "NS", description = "Namespace to deploy into.")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig for --backend kubeconfig.")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context.")
    String context;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for the embedded mesh's random choices. Default: random, printed.")
    Long seed;

    @Option(names = "--manifests", defaultValue = "manifests", paramLabel = "DIR", description = "Where bookinfo.yaml, fortio.yaml and reviews-destination-rule.yaml are. Default: ${DEFAULT-VALUE}.")
    Path manifests;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout (keys in the README).")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkNumbers();
        Duration realInterval;
        try {
            realInterval = workbench.istio.Durations.parse(interval);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--interval '" + interval + "' is not a duration like 30s or 1m");
        }
        List<Document> workloads = Manifests.load(manifests.resolve("bookinfo.yaml"), manifests.resolve("fortio.yaml"));
        List<Document> config = new ArrayList<>(Manifests.load(manifests.resolve("reviews-destination-rule.yaml")));
        config.addAll(Manifests.load(files.toArray(Path[]::new)));
        checkServiceAndSubsets(workloads, config);
        List<Document> cluster = new ArrayList<>(workloads);
        cluster.addAll(config);
        List<Finding> findings = Findings.of(config, cluster);
        findings.forEach(f -> err.println(Findings.line(f)));
        if (findings.stream().anyMatch(Finding::isError)) throw new UsageException("the files above have errors; nothing was started");

        long s = seed != null ? seed : LessonOptions.randomSeed();
        Backends.Options options = new Backends.Options(backend, s, namespace, kubeconfig, context, false, false, null, "canary");
        Backends.Choice choice = Backends.choose(options, Backends::dockerAnswers, Backends.dockerWhere());
        err.println(choice.reason() + (choice.backend().equals("embedded") ? " (seed " + s + ")" : ""));
        Path routes = Files.createTempDirectory("canary-routes");
        try (Backend b = Backends.open(choice, options, err::println)) {
            b.admit(workloads);
            b.enableInjection();
            b.deploy(workloads);
            b.apply(config);
            Duration pace = b.name().equals("embedded") ? Duration.ZERO : realInterval;
            CanarySpec canarySpec = new CanarySpec(service, stable, canary, steps, threshold, requests, concurrency, pace);
            Criteria criteria = Criteria.of(minSuccess, maxP99Ms);
            CanaryRun analysis = new CanaryRun(b, canarySpec, criteria, routes);
            Observations warmUp = analysis.initialise();
            err.println(String.format(Locale.ROOT, "initialised: %s %s 100%% / %s 0%%; %d warm-up pages, reviews as the pages showed it: %s",
                    service, stable, canary, warmUp.size(), warmUp.byReviews()));
            CanaryReport report = analysis.run(step -> { if (!json) out.println(line(step)); });
            if (json) out.println(json(report));
            else out.println(outcome(report));
            return report.promoted() ? PROMOTED : ROLLED_BACK;
        } finally {
            try (var listing = Files.list(routes)) { for (Path p : listing.toList()) Files.deleteIfExists(p); }
            Files.deleteIfExists(routes);
        }
    }

    /** Bad numbers stop the command before anything starts. */
    void checkNumbers() {
        if (steps.isEmpty()) throw new UsageException("--steps needs at least one weight, e.g. 10,20,50");
        for (int i = 0; i < steps.size(); i++) {
            int w = steps.get(i);
            if (w <= 0 || w >= 100) throw new UsageException("--steps: " + w + " is outside (0, 100); each step is the canary's share before promotion");
            if (i > 0 && w <= steps.get(i - 1)) {
                throw new UsageException("--steps: " + w + " after " + steps.get(i - 1) + " does not increase; list the weights in rising order");
            }
        }
        if (threshold < 1) throw new UsageException("--threshold " + threshold + " < 1; the analysis needs at least one failed check to roll back");
        if (!(minSuccess >= 0 && minSuccess <= 100)) throw new UsageException("--min-success " + workbench.canary.Judge.num(minSuccess) + " is not a percentage in [0, 100]");
        if (!(maxP99Ms > 0)) throw new UsageException("--max-p99-ms must be a positive number of milliseconds (got " + workbench.canary.Judge.num(maxP99Ms) + ")");
        if (requests < 1) throw new UsageException("--requests must be at least 1 (got " + requests + ")");
        if (concurrency < 1) throw new UsageException("--concurrency must be at least 1 (got " + concurrency + ")");
    }

    /** The service must be one the manifests deploy, and both subsets must be defined by a DestinationRule for it. */
    void checkServiceAndSubsets(List<Document> workloads, List<Document> config) {
        String ns = namespace == null ? "default" : namespace;
        List<String> services = workloads.stream().filter(d -> d.kind().equals("Service")).map(Document::name).toList();
        if (!services.contains(service)) {
            throw new UsageException("--service " + service + ": no such Service in " + manifests.resolve("bookinfo.yaml") + "; choose one of " + String.join(", ", services));
        }
        String fqdn = Hosts.fqdn(service, ns);
        List<String> subsets = config.stream().filter(d -> d.kind().equals("DestinationRule"))
                .map(d -> DestinationRule.read(d, ns))
                .filter(dr -> Hosts.fqdn(dr.host(), dr.namespace()).equals(fqdn))
                .flatMap(dr -> dr.subsets().stream()).map(Subset::name).toList();
        for (String subset : List.of(stable, canary)) {
            if (!subsets.contains(subset)) {
                throw new UsageException("subset " + subset + " of " + service + " is not defined by any DestinationRule"
                        + (subsets.isEmpty() ? "; add one with -f" : " (defined: " + String.join(", ", subsets) + ")"));
            }
        }
        if (stable.equals(canary)) throw new UsageException("--stable and --canary are both " + stable + "; name two different subsets");
    }

    static String line(StepReport s) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "#%d canary %d%%: %d requests (canary %d)", s.interval(),
                s.canaryWeight(), s.requests(), s.measured().canaryRequests()));
        for (Gate g : s.gates()) b.append(String.format(Locale.ROOT, "%n    %s %s: %s", g.passed() ? "✓" : "✗", g.name(), g.detail()));
        return b.append(String.format(Locale.ROOT, "%n    → %s (failedChecks %d)", s.decision().label(), s.failedChecks())).toString();
    }

    static String outcome(CanaryReport r) {
        String what = r.promoted() ? "promoted" : "rolled back";
        return String.format(Locale.ROOT, "%s: %s %s %d%% / %s %d%% (phase %s, failedChecks %d, %.1f s)", what, r.spec().service(),
                r.spec().stable(), 100 - r.finalCanaryWeight(), r.spec().canary(), r.finalCanaryWeight(), r.phase().label(),
                failedChecks(r), r.seconds());
    }

    private static int failedChecks(CanaryReport r) { return r.steps().isEmpty() ? 0 : r.steps().get(r.steps().size() - 1).failedChecks(); }

    /** Exactly the keys the README documents. */
    static String json(CanaryReport r) {
        ObjectNode root = new ObjectMapper().createObjectNode();
        root.put("service", r.spec().service());
        root.put("stable", r.spec().stable());
        root.put("canary", r.spec().canary());
        ArrayNode steps = root.putArray("steps");
        for (StepReport s : r.steps()) {
            ObjectNode n = steps.addObject();
            n.put("interval", s.interval());
            n.put("canaryWeight", s.canaryWeight());
            n.put("requests", s.requests());
            n.put("canaryRequests", s.measured().canaryRequests());
            n.put("canaryErrors", s.measured().canaryErrors());
            n.put("stableRequests", s.measured().stableRequests());
            n.put("stableErrors", s.measured().stableErrors());
            number(n, "successRate", s.measured().canarySuccessPercent());
            number(n, "p99Ms", s.measured().canaryP99());
            ObjectNode gates = n.putObject("gates");
            for (Gate g : s.gates()) {
                ObjectNode gate = gates.putObject(g.name());
                gate.put("passed", g.passed());
                gate.put("detail", g.detail());
            }
            n.put("decision", s.decision().label());
            n.put("failedChecks", s.failedChecks());
        }
        root.put("phase", r.phase().label());
        root.put("outcome", r.promoted() ? "promoted" : "rolled back");
        root.put("finalCanaryWeight", r.finalCanaryWeight());
        root.put("failedChecks", failedChecks(r));
        root.put("seconds", Math.round(r.seconds() * 1000) / 1000.0);
        return root.toString();
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v)) n.putNull(key);
        else n.put(key, Math.round(v * 1000) / 1000.0);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new CanaryCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(ShortErrors.handler(2, parsed -> parsed.hasMatchedOption("--verbose")));
        cl.setParameterExceptionHandler((e, given) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage() + " (see --help)");
            return 2;
        });
        return cl.execute(args);
    }

    public static void main(String... args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }
}
