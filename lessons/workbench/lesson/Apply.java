package workbench.lesson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import workbench.article.Bilingual;
import workbench.manifest.Document;
import workbench.validate.Findings;

/** Applies one manifest file of Istio configuration and shows it, the command, and kubectl's answer. */
record Apply(Bilingual words, String manifest) implements Step {

    @Override
    public List<String> manifests() { return List.of(manifest); }

    @Override
    public void run(LessonRun run) {
        List<Document> docs = run.manifest(manifest);
        List<String> answers = new ArrayList<>();
        for (Document d : docs) {
            String verb = run.wasCreated(d) ? "configured" : "created";
            answers.add(resource(d) + "/" + d.name() + " " + verb);
        }
        run.article().section(run.words(words));
        run.article().manifest(manifest);
        run.article().commands(run.t("実行するコマンド", "Commands"), List.of("kubectl apply -n " + run.backend().namespace() + " -f " + run.commandPath(manifest)));

        List<Document> cluster = new ArrayList<>(run.createdNewestFirst());
        java.util.Collections.reverse(cluster);
        cluster.addAll(docs);
        List<String> warnings = Findings.of(docs, cluster).stream().map(Findings::line).toList();
        if (!warnings.isEmpty()) {
            warnings.forEach(w -> run.say("! " + w));
            run.article().warnings(run.t("Istio(istiod の検証 / istioctl analyze)とエミュレータからの警告",
                    "Warnings from Istio (istiod validation / istioctl analyze) and the emulator"), warnings);
        }

        run.created(docs);
        Duration inEffect = run.backend().apply(docs);

        run.article().output(run.t("kubectl の出力", "kubectl output"), answers);
        run.article().prose(run.backend().name().equals("embedded")
                ? run.t("組み込みメッシュでは、適用した設定はその場で全サイドカーに反映されます。"
                        + "本物のクラスタでは istiod が各 Envoy に設定を配るまで少し時間がかかります。",
                        "On the embedded mesh, applied configuration reaches every sidecar at once. "
                        + "On a real cluster istiod takes a moment to push it to each Envoy.")
                : String.format(Locale.ROOT, run.t("すべてのサイドカーに新しい設定が届くまでにかかった時間(観測): %.2f 秒",
                        "Time until every sidecar had the new configuration (observed): %.2f s"), inEffect.toNanos() / 1e9));
    }

    /** How kubectl names a kind: "virtualservice.networking.istio.io", or just "service" for the core group. */
    static String resource(Document d) {
        String api = d.apiVersion();
        int slash = api.indexOf('/');
        String kind = d.kind().toLowerCase(Locale.ROOT);
        return slash < 0 ? kind : kind + "." + api.substring(0, slash);
    }
}
