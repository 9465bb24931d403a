package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import workbench.article.Bilingual;
import workbench.article.Passage;

/**
 * A lesson as its author writes it: an ordered list of steps, each one call with its words in Japanese and
 * English. Nothing runs until {@link #run(String...)}; by then every manifest the steps name is known, so
 * all of them are validated before the first one is applied.
 */
public final class Lesson {
    private final String id;
    private final Bilingual title;
    private final List<Step> steps = new ArrayList<>();
    private Bilingual summary;

    private Lesson(String id, Bilingual title) {
        this.id = id;
        this.title = title;
    }

    /**
     * {@code id} names the article file ({@code docs/<id>.html}, {@code docs/en/<id>.html}) and the command;
     * each passage's heading is the article's title and its prose the lead paragraph under it.
     */
    public static Lesson titled(String id, Passage ja, Passage en) {
        Lesson lesson = new Lesson(id, new Bilingual(ja, en));
        if (ja.prose().isBlank() && en.prose().isBlank()) return lesson;
        return lesson.add(new Explain(new Bilingual(Passage.ja("", ja.prose()), Passage.en("", en.prose()))));
    }

    /** One line for the docs index saying what the lesson does, in each language (not shown in the article). */
    public Lesson summary(String ja, String en) {
        summary = new Bilingual(Passage.ja("", ja), Passage.en("", en));
        return this;
    }

    /** A section of explanation only. */
    public Lesson explain(Passage ja, Passage en) { return add(new Explain(new Bilingual(ja, en))); }

    /** {@code kubectl label namespace NS istio-injection=enabled}: pods created afterwards get a sidecar. */
    public Lesson enableInjection(Passage ja, Passage en) { return add(new EnableInjection(new Bilingual(ja, en))); }

    /** Deploys the workloads of {@code manifests} into the lesson's namespace and waits for their pods. */
    public Lesson deploy(List<String> manifests, Passage ja, Passage en) {
        return add(new Deploy(new Bilingual(ja, en), List.copyOf(manifests)));
    }

    /** {@code kubectl apply -f manifests/<manifest>}, shown with the file itself. */
    public Lesson apply(String manifest, Passage ja, Passage en) { return add(new Apply(new Bilingual(ja, en), manifest)); }

    /** The reader's fortio loop, {@code times} requests, each printing the reviews version that answered. */
    public Lesson readerLoop(int times, Passage ja, Passage en) { return add(new ReaderLoop(new Bilingual(ja, en), times)); }

    /** A bulk run whose reviews split is tested against what the VirtualService in force asks for. */
    public Lesson checkSplit(Passage ja, Passage en) { return add(new SplitCheck(new Bilingual(ja, en))); }

    /** {@code kubectl run} / {@code kubectl expose pod} for the pods and services of {@code manifests}; READY as injection decides. */
    public Lesson runPods(List<String> manifests, Passage ja, Passage en) {
        return add(new RunPods(new Bilingual(ja, en), List.copyOf(manifests)));
    }

    /** {@code kubectl exec CLIENT -- curl -sI http://SERVER}, grepped for the status line and the server headers, checked. */
    public Lesson curlHeaders(String client, String server, Passage ja, Passage en) {
        return add(new CurlHeaders(new Bilingual(ja, en), client, server));
    }

    /** Labels the namespace for injection while pods run, and checks the running pods did not change. */
    public Lesson enableInjectionWhilePodsRun(Passage ja, Passage en) { return add(new LabelWhilePodsRun(new Bilingual(ja, en))); }

    /** Deletes the pods of {@code manifests} and creates them again; READY before and after, as a chart. */
    public Lesson recreatePods(List<String> manifests, Passage ja, Passage en) {
        return add(new RecreatePods(new Bilingual(ja, en), List.copyOf(manifests)));
    }

    /** {@code kubectl get pod POD -o custom-columns / jsonpath}: its containers and init containers, checked against the injector. */
    public Lesson showContainers(String manifest, String pod, Passage ja, Passage en) {
        return add(new ShowContainers(new Bilingual(ja, en), manifest, pod));
    }

    /**
     * A canary analysis with Flagger's semantics: each step's weight applied from {@code <service>-canary-<weight>.yaml},
     * traffic sent, the gates run on the sidecars' metrics; checks that it ends as the plan expects.
     */
    public Lesson canary(CanaryPlan plan, Passage ja, Passage en) { return add(new CanaryAnalysis(new Bilingual(ja, en), plan)); }

    /** {@code fortio curl URL} once from the fortio pod; checks for 200. */
    public Lesson fortioCurl(String url, Passage ja, Passage en) { return add(new FortioFetch(new Bilingual(ja, en), url)); }

    /** {@code fortio load} from the fortio pod, with the circuit breaker's invariants checked against the sidecar. */
    public Lesson fortioLoad(workbench.fortio.Load load, Passage ja, Passage en) {
        return add(new FortioLoadStep(new Bilingual(ja, en), load));
    }

    /** The fortio sidecar's stats for {@code url}'s service, checked against the 503s the loads saw. */
    public Lesson sidecarStats(String url, Passage ja, Passage en) { return add(new SidecarStats(new Bilingual(ja, en), url)); }

    /** The reader's curl to the ingress gateway (port-forwarded) for each path, checked against the gateway-bound VirtualServices. */
    public Lesson curlGateway(List<String> paths, Passage ja, Passage en) {
        return add(new GatewayCurl(new Bilingual(ja, en), List.copyOf(paths)));
    }

    /** The bulk reviews split, sent through the ingress gateway from the reader's machine, tested against the weights. */
    public Lesson checkSplitThroughGateway(Passage ja, Passage en) {
        return add(new SplitCheck(new Bilingual(ja, en), SplitCheck.Via.GATEWAY));
    }

    /**
     * Sends {@code pages} productpage pages, prints productpage's sidecar stats as
     * {@code curl localhost:15090/stats/prometheus | grep istio_requests_total | head -5} does, and checks the counters
     * against the pages sent. {@code deployed} names the manifests whose Deployments are the workloads.
     */
    public Lesson sidecarMetrics(int pages, List<String> deployed, Passage ja, Passage en) {
        return add(new SidecarMetrics(new Bilingual(ja, en), pages, List.copyOf(deployed)));
    }

    /**
     * Istio's Prometheus, Kiali and Jaeger addons, as the series applies {@code samples/addons/*.yaml}: on k3s installed, on the
     * user's cluster required (missing ones stop the lesson before anything is deployed), on the embedded mesh answered by the
     * mesh; shows what was observed of them and checks that the Prometheus and Jaeger APIs answer.
     */
    public Lesson installAddons(Passage ja, Passage en) { return add(new InstallAddons(new Bilingual(ja, en))); }

    /** Sends {@code pages} pages and draws the service graph from the metrics, as Kiali does; checks edges and counts. */
    public Lesson serviceGraph(int pages, List<String> deployed, Passage ja, Passage en) {
        return add(new ServiceGraphCheck(new Bilingual(ja, en), pages, List.copyOf(deployed)));
    }

    /** Reads one page's trace from the Jaeger API, draws it as a waterfall and checks its shape and times. */
    public Lesson trace(List<String> deployed, Passage ja, Passage en) {
        return add(new TraceCheck(new Bilingual(ja, en), List.copyOf(deployed)));
    }

    /** Deletes all the lesson created and checks it is gone. */
    public Lesson cleanup(Passage ja, Passage en) { return add(new Cleanup(new Bilingual(ja, en))); }

    public Lesson add(Step step) {
        steps.add(step);
        return this;
    }

    /** A copy of this lesson without the steps {@code drop} picks: "what if the reader skipped that step?". */
    public Lesson without(java.util.function.Predicate<Step> drop) {
        Lesson copy = new Lesson(id, title);
        steps.stream().filter(drop.negate()).forEach(copy::add);
        return copy;
    }

    public String id() { return id; }

    public Bilingual title() { return title; }

    /** The one-line summary in a language, or "" when the lesson gives none. */
    public String summary(workbench.article.Language language) {
        return summary == null ? "" : summary.in(language).prose().strip();
    }

    public List<Step> steps() { return List.copyOf(steps); }

    /** Runs the lesson from a command line and exits with its status: 0 passed, 1 a check failed, 2 an error. */
    public void run(String... args) { System.exit(LessonCommand.execute(this, args)); }
}
