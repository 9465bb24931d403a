package workbench.lesson;

import java.util.List;
import workbench.article.Bilingual;

/** One step of a lesson: its heading and prose in both languages, and what to do and check. */
public interface Step {

    Bilingual words();

    /** The manifest files this step uses, so every one is loaded and validated before anything runs. */
    default List<String> manifests() { return List.of(); }

    void run(LessonRun run);
}
