package workbench.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.article.LessonArticle;
import workbench.backend.Backend;
import workbench.cli.LessonOptions;
import workbench.bookinfo.ProductPage;
import workbench.manifest.Document;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshSnapshot;
import workbench.mesh.Pod;
import workbench.traffic.Observations;
import workbench.traffic.Probe;
import workbench.verdict.ExpectedSplit;

/** The state of one lesson run that steps share: where it runs, what was applied, what was checked. */
public final class LessonRun {
    private final LessonOptions options;
    private final Backend backend;
    private final LessonArticle article;
    private final Map<String, List<Document>> manifests;
    private final List<String> printed = new ArrayList<>();
    private final List<Document> created = new ArrayList<>();
    private final List<Check> checks = new ArrayList<>();
    private final List<Observations> bulkRuns = new ArrayList<>();
    private final Map<String, String> timings = new LinkedHashMap<>();
    private String currentStep = "";

    LessonRun(LessonOptions options, Backend backend, LessonArticle article, Map<String, List<Document>> manifests) {
        this.options = options;
        this.backend = backend;
        this.article = article;
        this.manifests = manifests;
    }

    public LessonOptions options() { return options; }

    public Backend backend() { return backend; }

    public LessonArticle article() { return article; }

    /** The language the reader asked for. */
    public workbench.article.Language language() { return options.language(); }

    /** The words of a step in the reader's language. */
    public workbench.article.Passage words(workbench.article.Bilingual words) { return words.in(language()); }

    /** One of two renderings of a workbench phrase, by the reader's language. */
    public String t(String ja, String en) { return language().pick(ja, en); }

    /** A note for the console (a warning, a hint); the runner prints it under the step's progress line. */
    public void say(String line) { printed.add(line); }

    /** What the current step said, handed over once. */
    List<String> printedDuringStep() {
        List<String> out = List.copyOf(printed);
        printed.clear();
        return out;
    }

    /** The manifest file as the reader names it in commands ("manifests/reviews-canary.yaml"). */
    public String commandPath(String fileName) {
        return options.manifests.resolve(fileName).toString().replace('\\', '/');
    }

    /** The documents of a manifest file, loaded and validated before the lesson started. */
    public List<Document> manifest(String fileName) {
        List<Document> docs = manifests.get(fileName);
        if (docs == null) throw new IllegalStateException(fileName + " was not declared by any step");
        return docs;
    }

    /** Remembers what the lesson created, so cleanup removes exactly that, newest first. */
    public void created(List<Document> docs) {
        for (Document d : docs) {
            created.removeIf(c -> c.kind().equals(d.kind()) && c.name().equals(d.name()));
            created.add(d);
        }
    }

    public List<Document> createdNewestFirst() {
        List<Document> out = new ArrayList<>(created);
        java.util.Collections.reverse(out);
        return out;
    }

    public void forgetCreated() { created.clear(); }

    /**
     * What the configuration in force asks for when productpage calls reviews for a reader's page: derived with
     * the routing decision productpage's own sidecar makes, on the mesh as the backend holds it now (read back
     * from the API server on clusters). {@code step} names the step that needs it, for the error.
     */
    public Expectation expectedReviews(String step) {
        MeshSnapshot snapshot = backend.snapshot();
        Pod productpage = snapshot.registry().pods().stream()
                .filter(p -> p.app().equals("productpage") && p.namespace().equals(backend.namespace()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("'" + step + "' needs the productpage pod, but none is running in "
                        + backend.namespace()));
        MeshRequest sent = ProductPage.reviewsRequest(MeshRequest.get(Probe.PRODUCTPAGE_URL, Map.of()));
        return new Expectation(productpage, ExpectedSplit.derive(snapshot, productpage, sent));
    }

    /** The expectation, and the caller whose sidecar it was derived for. */
    public record Expectation(Pod caller, ExpectedSplit split) {}

    /** Records a check, marks it in the article and returns whether it held. */
    public boolean check(String claim, boolean passed, String observed) {
        Check c = new Check(currentStep, claim, passed, observed);
        checks.add(c);
        article.mark(passed, claim + t(" — 観測: ", " — observed: ") + observed);
        return passed;
    }

    public List<Check> checks() { return List.copyOf(checks); }

    public void recordBulk(Observations o) { bulkRuns.add(o); }

    public List<Observations> bulkRuns() { return List.copyOf(bulkRuns); }

    public void timing(String phase, String value) { timings.put(phase, value); }

    public Map<String, String> timings() { return timings; }

    void enter(String step) { currentStep = step; }
}
