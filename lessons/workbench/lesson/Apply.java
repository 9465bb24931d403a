package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import workbench.article.Bilingual;
import workbench.backend.Applied;
import workbench.istio.HttpRoute;
import workbench.istio.RouteDestination;
import workbench.istio.VirtualService;
import workbench.manifest.Document;
import workbench.validate.Findings;

/** Applies one manifest file and shows it, the command, kubectl's answer as observed, and the weights it set. */
record Apply(Bilingual words, String manifest) implements Step {

    @Override
    public List<String> manifests() { return List.of(manifest); }

    @Override
    public void run(LessonRun run) {
        List<Document> docs = run.manifest(manifest);
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
        Applied applied = run.backend().apply(docs);

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) answers.add(resource(docs.get(i)) + "/" + docs.get(i).name() + " " + applied.verbs().get(i));
        run.article().output(run.t("kubectl の出力(観測)", "kubectl output (observed)"), answers);
        List<String> weights = weights(docs, run.backend().namespace());
        if (!weights.isEmpty()) run.article().output(run.t("このランで適用した weight", "Weights this run applied"), weights);
        run.article().prose(run.backend().name().equals("embedded")
                ? run.t("組み込みメッシュでは、適用した設定はその場で全サイドカーに反映されます。"
                        + "本物のクラスタでは istiod が各 Envoy に設定を配るまで少し時間がかかります。",
                        "On the embedded mesh, applied configuration reaches every sidecar at once. "
                        + "On a real cluster istiod takes a moment to push it to each Envoy.")
                : String.format(Locale.ROOT, run.t("すべてのサイドカーに新しい設定が届くまでにかかった時間(観測): %.2f 秒",
                        "Time until every sidecar had the new configuration (observed): %.2f s"), applied.inEffect().toNanos() / 1e9));
    }

    /** "reviews http[0]: reviews/v1 80, reviews/v3 20" for every weighted rule of the VirtualServices applied. */
    private static List<String> weights(List<Document> docs, String namespace) {
        List<String> out = new ArrayList<>();
        for (Document d : docs) {
            if (!d.kind().equals("VirtualService")) continue;
            VirtualService vs = VirtualService.read(d, namespace);
            for (HttpRoute rule : vs.http()) {
                if (rule.route().size() < 2) continue;
                List<String> parts = new ArrayList<>();
                for (RouteDestination r : rule.route()) parts.add(r.destination() + " " + r.effectiveWeight(rule.route().size()));
                out.add(vs.name() + " " + rule.path() + ": " + String.join(", ", parts));
            }
        }
        return out;
    }

    /** How kubectl names a kind: "virtualservice.networking.istio.io", or just "service" for the core group. */
    static String resource(Document d) {
        String api = d.apiVersion();
        int slash = api.indexOf('/');
        String kind = d.kind().toLowerCase(Locale.ROOT);
        return slash < 0 ? kind : kind + "." + api.substring(0, slash);
    }
}
