package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import workbench.backend.PodStatus;
import workbench.manifest.Document;

/** Deploys workloads into a namespace with sidecar injection, then shows the pods as kubectl would. */
record Deploy(String title, String prose, List<String> manifests) implements Step {
    // manifests() is the record accessor: every file deployed is validated up front

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        List<String> commands = new ArrayList<>();
        commands.add("kubectl label namespace " + ns + " istio-injection=enabled --overwrite");
        manifests.forEach(m -> commands.add("kubectl apply -n " + ns + " -f " + run.commandPath(m)));
        commands.add("kubectl get pods -n " + ns);
        run.article().section(title, prose);
        run.article().commands("実行するコマンド", commands);

        List<Document> docs = new ArrayList<>();
        manifests.forEach(m -> docs.addAll(run.manifest(m)));
        run.created(docs);
        run.backend().deploy(docs);

        List<PodStatus> pods = run.backend().pods();
        List<String> table = new ArrayList<>();
        table.add(String.format("%-44s %-6s %s", "NAME", "READY", "STATUS"));
        pods.forEach(p -> table.add(String.format("%-44s %-6s %s", p.name(), p.ready(), p.phase())));
        run.article().output("kubectl get pods の出力(観測)", table);
        boolean allReady = !pods.isEmpty() && pods.stream().allMatch(p -> p.readyContainers() == p.containers() && p.containers() >= 2);
        run.check("すべての Pod が Running で、アプリと istio-proxy の 2 コンテナが Ready",
                allReady, pods.size() + " Pod, " + pods.stream().filter(p -> p.readyContainers() == p.containers()).count() + " が Ready");
    }
}
