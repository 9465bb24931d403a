package workbench.lesson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.article.LessonArticle;
import workbench.backend.Backend;
import workbench.cli.LessonOptions;
import workbench.istio.DestinationRule;
import workbench.istio.Hosts;
import workbench.istio.VirtualService;
import workbench.manifest.Document;
import workbench.mesh.MeshRequest;
import workbench.verdict.ExpectedSplit;
import workbench.traffic.Observations;

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

    public boolean wasCreated(Document doc) {
        return created.stream().anyMatch(c -> c.kind().equals(doc.kind()) && c.name().equals(doc.name()));
    }

    /** The VirtualService in force for a service, as the lesson applied it. */
    public Optional<VirtualService> virtualServiceFor(String service) {
        String fqdn = Hosts.fqdn(service, backend.namespace());
        return created.stream().filter(d -> d.kind().equals("VirtualService"))
                .map(d -> VirtualService.read(d, backend.namespace()))
                .filter(vs -> vs.hosts().stream().anyMatch(h -> Hosts.fqdn(h, vs.namespace()).equals(fqdn)))
                .reduce((first, second) -> second);
    }

    /**
     * The split the reviews VirtualService in force asks for, for a plain request as productpage makes it;
     * {@code step} names the step that needs it, for the error when no VirtualService was applied.
     */
    public ExpectedSplit expectedReviewsSplit(String step) {
        VirtualService vs = virtualServiceFor("reviews").orElseThrow(() -> new IllegalStateException(
                "'" + step + "' compares with the reviews VirtualService, but none was applied before it"));
        return ExpectedSplit.of(vs, destinationRuleFor("reviews"), MeshRequest.get("http://reviews:9080/reviews/0", Map.of()));
    }

    public Optional<DestinationRule> destinationRuleFor(String service) {
        String fqdn = Hosts.fqdn(service, backend.namespace());
        return created.stream().filter(d -> d.kind().equals("DestinationRule"))
                .map(d -> DestinationRule.read(d, backend.namespace()))
                .filter(dr -> Hosts.fqdn(dr.host(), dr.namespace()).equals(fqdn))
                .reduce((first, second) -> second);
    }

    /** Records a check, marks it in the article and returns whether it held. */
    public boolean check(String claim, boolean passed, String observed) {
        Check c = new Check(currentStep, claim, passed, observed);
        checks.add(c);
        article.mark(passed, claim + " — " + t("観測: ", "observed: ") + observed);
        return passed;
    }

    public List<Check> checks() { return List.copyOf(checks); }

    public void recordBulk(Observations o) { bulkRuns.add(o); }

    public List<Observations> bulkRuns() { return List.copyOf(bulkRuns); }

    public void timing(String phase, String value) { timings.put(phase, value); }

    public Map<String, String> timings() { return timings; }

    void enter(String step) { currentStep = step; }
}
