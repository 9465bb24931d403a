package workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.Document;
import workbench.manifest.Manifests;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.traffic.Observations;
import workbench.traffic.Probe;
import workbench.validate.Finding;
import workbench.validate.Findings;

/**
 * Starts Bookinfo and httpbin on the embedded mesh, applies the files in order, sends requests to
 * productpage (logged in when asked) and reports what a reader would have seen on each page.
 */
@Command(name = "probe", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply files to the embedded mesh with Bookinfo and httpbin running, send requests to productpage, and count what the pages showed.")
final class ProbeCommand implements Callable<Integer> {
    private static final List<String> REVIEWS = List.of("v1", "v2", "v3", "unavailable");
    private static final List<String> RATINGS = List.of("black", "red", "none", "unavailable");

    @Option(names = {"-f", "--filename"}, required = true, arity = "1..*", paramLabel = "FILE", description = "Manifest files, applied in order.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--requests", defaultValue = "100", paramLabel = "N", description = "Requests to send. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--path", defaultValue = "/productpage", paramLabel = "PATH", description = "Path on productpage. Default: ${DEFAULT-VALUE}.")
    String path;

    @Option(names = "--user", paramLabel = "NAME", description = "Log in to productpage as NAME first (productpage then sends end-user: NAME to reviews).")
    String user;

    @Option(names = "--header", paramLabel = "K=V", description = "Extra header on every request (repeatable).")
    Map<String, String> headers = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "S", description = "Seed for the mesh's random choices. Default: random, printed.")
    Long seed;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N", description = "Parallel callers. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--manifests", defaultValue = "manifests", paramLabel = "DIR",
            description = "Where bookinfo.yaml, fortio.yaml and httpbin.yaml are. Default: ${DEFAULT-VALUE}.")
    Path manifests;

    @Option(names = "--url", paramLabel = "URL",
            description = "Call this URL instead of productpage (any service, e.g. http://httpbin:8000/status/418), with fortio load's -c/-n semantics.")
    String url;

    @Option(names = "--from", defaultValue = "fortio", paramLabel = "WORKLOAD",
            description = "The workload (app label) whose sidecar sends the requests. Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--via-gateway", description = "Send the requests from this machine through the ingress gateway (the path of --url, or --path).")
    boolean viaGateway;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout.")
    boolean json;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (requests < 1) throw new UsageException("--requests must be at least 1 (got " + requests + ")");
        if (concurrency < 1) throw new UsageException("--concurrency must be at least 1 (got " + concurrency + ")");
        List<Document> config = Manifests.load(files.toArray(Path[]::new));
        List<Document> workloads = Manifests.load(manifests.resolve("bookinfo.yaml"), manifests.resolve("fortio.yaml"),
                manifests.resolve("httpbin.yaml"));
        List<Document> cluster = new ArrayList<>(workloads);
        cluster.addAll(config);
        for (Document d : config) if (d.kind().equals("Gateway")) workbench.istio.Gateway.read(d, "default");
        List<Finding> findings = Findings.of(config, cluster);
        findings.forEach(f -> err.println(Findings.line(f)));
        if (findings.stream().anyMatch(Finding::isError)) return 1;
        // a VirtualService bound to a Gateway that does not exist would route nothing: refuse it, in analyze's words
        findings.stream().filter(f -> f.code().equals("IST0101") && f.message().startsWith("Referenced gateway not found")).findFirst()
                .ifPresent(f -> { throw new UsageException(Findings.line(f)); });
        if (url != null && !url.startsWith("http://")) throw new UsageException("--url must be an http:// URL (got " + url + ")");

        long s = seed != null ? seed : LessonOptions.randomSeed();
        try (EmbeddedBackend mesh = new EmbeddedBackend(s, "default")) {
            mesh.admit(config);
            mesh.enableInjection(); // the probe's namespace is the workbench's own, labelled as the lessons label theirs
            mesh.deploy(workloads);
            mesh.apply(config);
            if (url != null && !viaGateway) {
                UrlProbe.Result r = UrlProbe.run(mesh, from, workbench.fortio.Load.calls(concurrency, 0, requests, url));
                err.println("embedded mesh, seed " + s + " (--seed " + s + " replays this run)");
                if (json) out.println(r.json());
                else out.print(r.text());
                return 0;
            }
            Map<String, String> sent = new LinkedHashMap<>(headers);
            if (user != null) sent.put("cookie", login(mesh, user));
            workbench.backend.PageClient client = viaGateway ? workbench.traffic.GatewayClient.at(mesh.ingressGateway()) : mesh.productPage();
            String target = viaGateway && url != null ? java.net.URI.create(url).getRawPath() : path;
            Observations o = Probe.bulk(client, target, sent, requests, concurrency);
            err.println("embedded mesh, seed " + s + " (--seed " + s + " replays this run)");
            if (viaGateway) err.println("ingress gateway at " + mesh.ingressGateway());
            if (json) out.println(json(o));
            else report(out, o);
        }
        return 0;
    }

    private static String login(EmbeddedBackend mesh, String user) throws java.io.IOException {
        String form = "username=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8) + "&passwd=";
        MeshResponse r = mesh.caller().send(new MeshRequest("POST", "productpage:9080", "/login",
                Map.of("content-type", "application/x-www-form-urlencoded"), form), Duration.ofSeconds(10));
        String cookie = r.headers().get("set-cookie");
        if (cookie == null) throw new IllegalStateException("productpage did not log " + user + " in (status " + r.status() + ")");
        return cookie.split(";")[0];
    }

    /** Exactly the fields the README documents; the seed goes to stderr. */
    static String json(Observations o) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("requests", o.size());
        ObjectNode status = root.putObject("status");
        o.byStatus().forEach(status::put);
        counts(root.putObject("reviews"), REVIEWS, o.byReviews());
        counts(root.putObject("ratings"), RATINGS, o.byRatings());
        root.put("seconds", Math.round(o.elapsed().toNanos() / 1e6) / 1000.0);
        return root.toString();
    }

    private static void counts(ObjectNode node, List<String> keys, Map<String, Long> counted) {
        keys.forEach(k -> node.put(k, counted.getOrDefault(k, 0L)));
        counted.forEach((k, v) -> { if (!keys.contains(k)) node.put(k, v); });
    }

    private static void report(PrintWriter out, Observations o) {
        out.printf(java.util.Locale.ROOT, "%d requests in %.2f s%n", o.size(), o.elapsed().toNanos() / 1e9);
        out.println("status:  " + o.byStatus());
        out.println("reviews: " + o.byReviews());
        out.println("ratings: " + o.byRatings());
    }
}
