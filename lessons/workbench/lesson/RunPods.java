package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbench.article.Bilingual;
import workbench.manifest.Document;

/** {@code kubectl run} / {@code kubectl expose} for the manifests' pods and services, then the pods as kubectl lists them. */
record RunPods(Bilingual words, List<String> manifests) implements Step {

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        run.article().section(run.words(words));
        List<Document> docs = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        for (String m : manifests) {
            for (Document d : run.manifest(m)) {
                docs.add(d);
                commands.add(BarePodSteps.command(d, ns, run.commandPath(m)));
            }
        }
        commands.add("kubectl get pods -n " + ns);
        run.article().commands(run.t("実行するコマンド", "Commands"), commands);
        run.article().prose(run.t("それぞれのコマンドが作るオブジェクトは、次のマニフェストと同じです(`kubectl apply -f` でも作れます)。",
                "Each command makes the same object as the manifest below (`kubectl apply -f` makes it too)."));
        manifests.forEach(run.article()::manifest);

        Map<String, String> labelsAtCreation = run.backend().namespaceLabels();
        run.created(docs);
        run.backend().runPods(docs);
        BarePodSteps.checkReadyAsInjected(run, BarePodSteps.pods(docs), labelsAtCreation,
                BarePodSteps.showPods(run, run.t("作成直後", "just created")));
    }
}
