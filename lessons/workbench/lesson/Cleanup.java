package workbench.lesson;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import workbench.article.Bilingual;
import workbench.manifest.Document;

/** Deletes everything the lesson created, newest first, and checks that it is gone. */
record Cleanup(Bilingual words) implements Step {

    @Override
    public void run(LessonRun run) {
        List<Document> created = run.createdNewestFirst();
        Set<String> files = new LinkedHashSet<>();
        created.forEach(d -> files.add(d.file().getFileName().toString()));
        List<String> commands = new ArrayList<>();
        files.forEach(f -> commands.add("kubectl delete -n " + run.backend().namespace() + " -f " + run.commandPath(f) + " --ignore-not-found"));
        // kubectl get lists what the lesson created, by kind, so the reader sees it is gone
        Set<String> kinds = new LinkedHashSet<>();
        created.forEach(d -> kinds.add(d.kind().toLowerCase(java.util.Locale.ROOT)));
        commands.add("kubectl get " + String.join(",", kinds) + " -n " + run.backend().namespace());
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), commands);

        if (run.options().keep) {
            run.article().prose(run.t("NOTE: `--keep` が指定されたため、このランでは削除せずに残しています。",
                    "NOTE: `--keep` was given, so this run leaves everything in place."));
            return;
        }
        run.backend().delete(created);
        List<String> remaining = run.backend().existing(created);
        run.forgetCreated();
        run.article().output(run.t("削除後に残っているもの(観測)", "Left after deleting (observed)"),
                remaining.isEmpty() ? List.of(run.t("(なし)", "(nothing)")) : remaining);
        run.check(run.t("レッスンで作ったものがすべて削除されている", "everything the lesson created is deleted"), remaining.isEmpty(),
                remaining.isEmpty()
                        ? run.t(created.size() + " 件を削除、残り 0 件", created.size() + " deleted, 0 left")
                        : run.t("残っている: ", "still there: ") + String.join(", ", remaining));
    }
}
