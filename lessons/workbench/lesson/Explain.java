package workbench.lesson;

/** A step that only explains: its heading and prose go into the article. */
record Explain(String title, String prose) implements Step {
    @Override
    public void run(LessonRun run) {
        if (title.isEmpty()) run.article().prose(prose); // the lead paragraph under the article's title
        else run.article().section(title, prose);
    }
}
