package workbench.lesson;

import java.util.List;

/** One step of a lesson: a heading, the author's prose, and what to do and check. */
public interface Step {

    String title();

    /** The manifest files this step uses, so every one is loaded and validated before anything runs. */
    default List<String> manifests() { return List.of(); }

    void run(LessonRun run);
}
