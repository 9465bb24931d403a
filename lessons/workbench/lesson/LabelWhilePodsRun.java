package workbench.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import workbench.article.Bilingual;
import workbench.backend.PodStatus;
import workbench.kube.KubectlOutput;
import workbench.mesh.SidecarInjector;

/**
 * Labels the namespace for injection while pods run, and checks that the running pods stay as they were: the
 * injector mutates pods when they are created, never afterwards. A pod is the same when its uid, its containers,
 * its init containers and its READY are.
 */
record LabelWhilePodsRun(Bilingual words) implements Step {
    static final String IDENTITY = "UID:.metadata.uid,CONTAINERS:.spec.containers[*].name,INIT:.spec.initContainers[*].name";

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        run.article().section(run.words(words));
        List<String> commands = new ArrayList<>(EnableInjection.commands(ns));
        commands.add("kubectl get pods -n " + ns);
        run.article().commands(run.t("実行するコマンド", "Commands"), commands);
        Map<String, String> before = identities(run);

        EnableInjection.labelAndShow(run);

        BarePodSteps.showPods(run, run.t("ラベル付与の直後", "right after labelling"));
        Map<String, String> after = identities(run);
        List<String> changed = new ArrayList<>();
        before.forEach((pod, was) -> { if (!was.equals(after.get(pod))) changed.add(pod); });
        run.check(run.t("既存の Pod は変わらない(uid・コンテナ・init コンテナ・READY が同じ)",
                        "existing pods are unchanged (same uid, containers, init containers and READY)"),
                !before.isEmpty() && changed.isEmpty() && after.keySet().equals(before.keySet()),
                changed.isEmpty() ? run.t(before.size() + " 個の Pod がすべて同じ", "all " + before.size() + " pods the same")
                        : run.t("変わった Pod: ", "changed: ") + String.join(", ", changed));
    }

    /** Each pod's uid, containers and init containers as custom-columns prints them, and its READY. */
    private static Map<String, String> identities(LessonRun run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PodStatus p : run.backend().pods()) {
            JsonNode object = run.backend().podObject(p.name()).orElse(null);
            String columns = object == null ? "(gone)" : KubectlOutput.customColumns(IDENTITY, object).get(1);
            out.put(p.name(), columns + " READY " + p.ready());
        }
        return out;
    }
}
