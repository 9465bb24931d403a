package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import workbench.article.Bilingual;
import workbench.backend.PageClient;

/** One {@code fortio curl URL} from the fortio pod, shown with its status and body; checks the status is 200. */
record FortioFetch(Bilingual words, String url) implements Step {

    @Override
    public void run(LessonRun run) {
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"),
                List.of("kubectl exec deploy/fortio-deploy -c fortio -- fortio curl " + url));
        PageClient.Page page = run.backend().fortioFetch(url);
        List<String> lines = new ArrayList<>();
        lines.add(page.status() == 0 ? run.t("(応答なし)", "(no response)") : "HTTP/1.1 " + page.status());
        lines.addAll(page.body().lines().toList());
        run.article().output(run.t("出力(観測、ステータスと本文)", "Output (observed: status and body)"), lines);
        run.check(run.t(url + " が 200 を返す", url + " answers 200"), page.status() == 200,
                page.status() == 0 ? run.t("応答なし", "no response") : Integer.toString(page.status()));
    }
}
