package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import workbench.article.Bilingual;
import workbench.backend.PodStatus;
import workbench.manifest.Document;
import workbench.mesh.SidecarInjector;
import workbench.validate.Analyzer;

/**
 * Deploys workloads, then shows the pods as kubectl lists them and checks each one is ready with an
 * istio-proxy beside it, as the injector decides: a namespace without the label gets pods without sidecars.
 */
record Deploy(Bilingual words, List<String> manifests) implements Step {
    // manifests() is the record accessor: every file deployed is validated up front

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        List<String> commands = new ArrayList<>();
        manifests.forEach(m -> commands.add("kubectl apply -n " + ns + " -f " + run.commandPath(m)));
        commands.add("kubectl get pods -n " + ns);
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), commands);

        if (!SidecarInjector.namespaceDecides(run.backend().namespaceLabels())) {
            String warning = "Warning [IST0102] (Namespace " + ns + ") " + Analyzer.namespaceNotInjected(ns);
            run.article().warnings(run.t("istioctl analyze の警告", "istioctl analyze warning"), List.of(warning));
        }

        List<Document> docs = new ArrayList<>();
        manifests.forEach(m -> docs.addAll(run.manifest(m)));
        run.created(docs);
        run.backend().deploy(docs);

        List<PodStatus> pods = run.backend().pods();
        List<String> table = new ArrayList<>();
        table.add(String.format("%-44s %-6s %s", "NAME", "READY", "STATUS"));
        pods.forEach(p -> table.add(String.format("%-44s %-6s %s", p.name(), p.ready(), p.phase())));
        run.article().output(run.t("kubectl get pods の出力(観測)", "kubectl get pods (observed)"), table);

        List<String> withoutProxy = pods.stream().filter(p -> !p.istioProxy()).map(PodStatus::name).toList();
        long ready = pods.stream().filter(PodStatus::allReady).count();
        boolean passed = !pods.isEmpty() && ready == pods.size() && withoutProxy.isEmpty();
        String observed = run.t(pods.size() + " Pod、Ready " + ready + "、istio-proxy なし " + withoutProxy.size(),
                pods.size() + " pods, " + ready + " ready, " + withoutProxy.size() + " without istio-proxy");
        if (!withoutProxy.isEmpty()) {
            observed += run.t("(" + String.join(", ", withoutProxy) + ")", " (" + String.join(", ", withoutProxy) + ")");
            run.article().prose(run.t(
                    "istio-proxy のない Pod があります。サイドカーのない Pod の通信は VirtualService も DestinationRule も通らず、"
                    + "kube-proxy が Service の Pod から無作為に選んだ先へ直接届きます。名前空間に `istio-injection=enabled` を付けてから"
                    + "Pod を作り直してください(ラベルは既存の Pod には効きません)。",
                    "Some pods have no istio-proxy. Their traffic passes through no VirtualService or DestinationRule: kube-proxy "
                    + "sends it straight to a random pod of the Service. Label the namespace `istio-injection=enabled`, then recreate "
                    + "the pods (the label does not change pods that already exist)."));
        }
        run.check(run.t("すべての Pod が Ready で、istio-proxy が注入されている", "every pod is ready, with an injected istio-proxy"),
                passed, observed);
    }
}
