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

    /**
     * A canary analysis with Flagger's semantics: each step's weight applied from {@code <service>-canary-<weight>.yaml},
     * traffic sent, the gates run on the sidecars' metrics; checks that it ends as the plan expects.
     */
    public Lesson canary(CanaryPlan plan, Passage ja, Passage en) { return add(new CanaryAnalysis(new Bilingual(ja, en), plan)); }

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
