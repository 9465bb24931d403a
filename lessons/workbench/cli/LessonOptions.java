package workbench.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every lesson takes. Plain fields, so tests and the runner read them directly. */
public final class LessonOptions {

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "auto (k3s when Docker answers, else embedded), embedded, k3s or kubeconfig. Default: ${DEFAULT-VALUE}.")
    public String backend = "auto";

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for the embedded mesh's random choices; a run is replayed exactly with the same seed. Default: random, printed.")
    public Long seed;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "2000",
            description = "Requests per bulk check. Default: ${DEFAULT-VALUE}.")
    public int requests = 2000;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4",
            description = "Parallel callers during a bulk check. Default: ${DEFAULT-VALUE}.")
    public int concurrency = 4;

    @Option(names = "--manifests", paramLabel = "DIR", defaultValue = "manifests",
            description = "Directory holding the lesson's manifests. Default: ${DEFAULT-VALUE}.")
    public Path manifests = Path.of("manifests");

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "docs",
            description = "Where the article (.adoc and .html) is written. Default: ${DEFAULT-VALUE}.")
    public Path out = Path.of("docs");

    @Option(names = "--namespace", paramLabel = "NS",
            description = "Namespace to run in. Default: default (embedded, k3s); a new workbench-* namespace (kubeconfig).")
    public String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig for --backend kubeconfig. Default: $KUBECONFIG or ~/.kube/config.")
    public Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context. Default: the current context.")
    public String context;

    @Option(names = "--istio-version", paramLabel = "V", defaultValue = workbench.backend.k3s.K3sSettings.DEFAULT_ISTIO_VERSION,
            description = "Istio version installed on k3s. Default: ${DEFAULT-VALUE}.")
    public String istioVersion = workbench.backend.k3s.K3sSettings.DEFAULT_ISTIO_VERSION;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "ja",
            description = "Language of the article: ja (docs/<lesson>.html) or en (docs/en/<lesson>.html). Default: ${DEFAULT-VALUE}.")
    public String lang = "ja";

    @Option(names = "--keep", description = "Leave the mesh running after the lesson and print how to reach productpage (Ctrl-C ends it).")
    public boolean keep;

    @Option(names = "--reuse", description = "k3s: reuse a running container between runs (Testcontainers reuse).")
    public boolean reuse;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    public boolean verbose;

    /** The article's language; an unknown code is refused before anything starts. */
    public workbench.article.Language language() { return workbench.article.Language.of(lang); }

    /** A seed for a run that was given none: small enough to read and retype. */
    public static long randomSeed() { return Math.abs(new java.util.Random().nextLong() % 1_000_000_000L); }

    public long seedOrRandom() {
        if (seed == null) seed = randomSeed();
        return seed;
    }
}
