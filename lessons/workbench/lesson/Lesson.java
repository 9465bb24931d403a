package workbench.lesson;

import java.util.ArrayList;
import java.util.List;

/**
 * A lesson as its author writes it: an ordered list of steps, each one call with its prose.
 * Nothing runs until {@link #run(String...)}; by then every manifest the steps name is known,
 * so all of them are validated before the first one is applied.
 */
public final class Lesson {
    private final String id;
    private final String title;
    private final List<Step> steps = new ArrayList<>();

    private Lesson(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** {@code id} names the article file ({@code docs/<id>.html}) and the command. */
    public static Lesson titled(String id, String title) { return new Lesson(id, title); }

    /** The lead paragraph under the title. */
    public Lesson intro(String prose) { return add(new Explain("", prose)); }

    /** A section of explanation only. */
    public Lesson explain(String heading, String prose) { return add(new Explain(heading, prose)); }

    /** Labels the namespace for sidecar injection, deploys the workloads and waits for their pods. */
    public Lesson deploy(String heading, String prose, String... manifests) {
        return add(new Deploy(heading, prose, List.of(manifests)));
    }

    /** {@code kubectl apply -f manifests/<manifest>}, shown with the file itself. */
    public Lesson apply(String heading, String prose, String manifest) { return add(new Apply(heading, prose, manifest)); }

    /** The reader's fortio loop, {@code times} requests, each printing the reviews version that answered. */
    public Lesson readerLoop(String heading, String prose, int times) { return add(new ReaderLoop(heading, prose, times)); }

    /** A bulk run whose reviews split is tested against the weights of the VirtualService in force. */
    public Lesson checkSplit(String heading, String prose) { return add(new SplitCheck(heading, prose)); }

    /** Deletes all the lesson created and checks it is gone. */
    public Lesson cleanup(String heading, String prose) { return add(new Cleanup(heading, prose)); }

    public Lesson add(Step step) {
        steps.add(step);
        return this;
    }

    public String id() { return id; }

    public String title() { return title; }

    public List<Step> steps() { return List.copyOf(steps); }

    /** Runs the lesson from a command line and exits with its status: 0 passed, 1 a check failed, 2 an error. */
    public void run(String... args) { System.exit(LessonCommand.execute(this, args)); }
}
