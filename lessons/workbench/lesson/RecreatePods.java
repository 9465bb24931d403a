package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbench.article.Bilingual;
import workbench.article.CountChart;
import workbench.backend.PodStatus;
import workbench.manifest.Document;

/** Deletes the manifests' pods and creates them again, so the injector decides afresh; READY before and after. */
record RecreatePods(Bilingual words, List<String> manifests) implements Step {

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        run.article().section(run.words(words));
        List<Document> pods = new ArrayList<>();
        List<String> create = new ArrayList<>();
        for (String m : manifests) {
            for (Document d : BarePodSteps.pods(run.manifest(m))) {
                pods.add(d);
                create.add(BarePodSteps.command(d, ns, run.commandPath(m)));
            }
        }
        List<String> commands = new ArrayList<>();
        commands.add("kubectl delete pod -n " + ns + " " + String.join(" ", pods.stream().map(Document::name).toList()));
        commands.addAll(create);
        commands.add("kubectl get pods -n " + ns);
        run.article().commands(run.t("実行するコマンド", "Commands"), commands);

        List<PodStatus> before = run.backend().pods();
        run.backend().deletePods(pods);
        Map<String, String> labelsAtCreation = run.backend().namespaceLabels();
        run.created(pods);
        run.backend().runPods(pods);
        List<PodStatus> after = BarePodSteps.showPods(run, run.t("作り直した後", "recreated"));
        BarePodSteps.checkReadyAsInjected(run, pods, labelsAtCreation, after);

        List<CountChart.Bar> bars = new ArrayList<>();
        for (Document pod : pods) {
            before.stream().filter(s -> s.name().equals(pod.name())).findFirst().ifPresent(s ->
                    bars.add(new CountChart.Bar(pod.name() + run.t("(作り直す前)", " (before)"), s.readyContainers(), s.containers())));
            after.stream().filter(s -> s.name().equals(pod.name())).findFirst().ifPresent(s ->
                    bars.add(new CountChart.Bar(pod.name() + run.t("(作り直した後)", " (after)"), s.readyContainers(), s.containers())));
        }
        run.article().prose(run.t("Pod ごとの READY(Ready のコンテナ数 / コンテナ数、観測):",
                "READY per pod (ready containers / containers, observed):"));
        run.article().figure(CountChart.svg(run.t("Pod ごとの READY、作り直す前と後", "READY per pod, before and after recreating"), bars));
    }
}
