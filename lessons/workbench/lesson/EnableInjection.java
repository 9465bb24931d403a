package workbench.lesson;

import java.util.List;
import java.util.Map;
import workbench.article.Bilingual;
import workbench.mesh.SidecarInjector;

/** Labels the lesson's namespace for sidecar injection and shows the label as the cluster now holds it. */
record EnableInjection(Bilingual words) implements Step {

    @Override
    public void run(LessonRun run) {
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), commands(run.backend().namespace()));
        labelAndShow(run);
    }

    /** The reader's commands: label the namespace, then list it with the label as a column. */
    static List<String> commands(String ns) {
        return List.of("kubectl label namespace " + ns + " " + SidecarInjector.NAMESPACE_LABEL + "=enabled --overwrite",
                "kubectl get namespace " + ns + " -L " + SidecarInjector.NAMESPACE_LABEL);
    }

    /** Labels the namespace, shows the label as the cluster now holds it, and checks it is there. */
    static void labelAndShow(LessonRun run) {
        String ns = run.backend().namespace();
        run.backend().enableInjection();
        Map<String, String> labels = run.backend().namespaceLabels();
        String value = labels.getOrDefault(SidecarInjector.NAMESPACE_LABEL, "");
        run.article().output(run.t("kubectl get namespace の出力(観測)", "kubectl get namespace (observed)"), List.of(
                String.format("%-24s %-8s %s", "NAME", "STATUS", "ISTIO-INJECTION"),
                String.format("%-24s %-8s %s", ns, "Active", value)));
        run.check(run.t("名前空間に istio-injection=enabled が付いている", "the namespace carries istio-injection=enabled"),
                value.equals("enabled"), SidecarInjector.NAMESPACE_LABEL + "=" + (value.isEmpty() ? "(none)" : value));
    }
}
