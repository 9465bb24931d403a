package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbench.article.Bilingual;
import workbench.backend.Addons;
import workbench.telemetry.IstioMetrics;
import workbench.telemetry.MetricsQuery;
import workbench.tracing.TraceQuery;

/**
 * The series' {@code kubectl apply -f samples/addons/{prometheus,kiali,jaeger}.yaml}: the backend provides Istio's addons
 * ({@link workbench.backend.Backend#addons()}), the article shows what it observed of them, and the lesson checks that the
 * Prometheus and Jaeger APIs it reads later answer.
 */
record InstallAddons(Bilingual words) implements Step {
    /** The addon manifests the series applies, in its order. */
    static final List<String> SERIES = List.of("prometheus", "kiali", "jaeger");

    @Override
    public void run(LessonRun run) {
        Addons addons = run.backend().addons();
        run.article().section(run.words(words));
        List<String> commands = new ArrayList<>(SERIES.stream().map(Addons::kubectlApply).toList());
        commands.add("kubectl -n istio-system get deployments");
        run.article().commands(run.t("実行するコマンド", "Commands"), commands);
        run.article().output(run.t("アドオン(観測)", "The addons (observed)"), addons.observed());
        run.article().prose(run.t("Istio 1.22 以降の既定の入れ方では、サイドカーはスパンをどこにも送りません。"
                        + "トレースを見るには、メッシュ全体の既定のトレーシングプロバイダを Jaeger の Zipkin 受け口に向けます"
                        + "(workbench が k3s に入れる Istio はこの設定済みで、組み込みメッシュもこの設定どおりに振る舞います)。",
                "Since Istio 1.22 a default install has the sidecars send their spans nowhere. To see traces, point the mesh's "
                        + "default tracing provider at Jaeger's Zipkin endpoint (the Istio the workbench installs on k3s is set up this way, "
                        + "and the embedded mesh behaves as if it were)."));
        run.article().commands(run.t("トレースの送り先を設定する(Helm で入れた istiod の場合)", "Sending the spans to Jaeger (istiod installed with Helm)"),
                List.of("helm upgrade istiod istio/istiod -n istio-system --reuse-values \\\n  "
                        + String.join(" \\\n  ", workbench.istio.WorkbenchMeshConfig.tracingProviderHelmFlags())));

        String service = BookinfoCalls.CLIENT_APP + "." + run.backend().namespace();
        checkAnswers(run, run.t("Prometheus の API が PromQL の問い合わせに答える", "the Prometheus API answers a PromQL query"), () -> {
            int series = new MetricsQuery(addons.prometheusApi()).query(IstioMetrics.REQUESTS).size();
            return "GET " + java.net.URI.create(addons.prometheusApi()).getPath() + "/api/v1/query?query=" + IstioMetrics.REQUESTS
                    + " → " + series + run.t(" 系列", " series");
        });
        checkAnswers(run, run.t("Jaeger の API がトレースの検索に答える", "the Jaeger API answers a trace search"), () -> {
            int traces = new TraceQuery(addons.jaegerApi()).traces(service, Map.of(), 1).size();
            return "GET " + java.net.URI.create(addons.jaegerApi()).getPath() + "/api/traces?service=" + service + "&limit=1 → "
                    + traces + run.t(" トレース", traces == 1 ? " trace" : " traces");
        });
    }

    /** Passes with what the request got back, or fails with why it got nothing. */
    private static void checkAnswers(LessonRun run, String label, java.util.function.Supplier<String> request) {
        String observed;
        boolean answered;
        try {
            observed = request.get();
            answered = true;
        } catch (RuntimeException e) {
            observed = String.valueOf(e.getMessage());
            answered = false;
        }
        run.check(label, answered, observed);
    }
}
