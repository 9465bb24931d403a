package workbench.lesson;

import workbench.article.Bilingual;
import workbench.article.Passage;

/** A step that only explains: its heading and prose go into the article. */
record Explain(Bilingual words) implements Step {
    @Override
    public void run(LessonRun run) {
        Passage p = run.words(words);
        if (p.heading().isEmpty()) run.article().prose(p.prose()); // the lead paragraph under the article's title
        else run.article().section(p.heading(), p.prose());
    }
}
