package workbench.lesson;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import workbench.article.Bilingual;
import workbench.traffic.Probe;

/**
 * The loop the reader types: a few fortio requests from inside the mesh, printing which reviews pod answered.
 * Checks that every answer came from a version the configuration in force can send to.
 */
record ReaderLoop(Bilingual words, int times) implements Step {

    @Override
    public void run(LessonRun run) {
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), List.of(
                "for i in $(seq 1 " + times + "); do",
                "  kubectl exec deploy/fortio-deploy -c fortio -- \\",
                "    fortio curl -quiet " + Probe.PRODUCTPAGE_URL + " \\",
                "    | grep -oE 'reviews-v[0-9]+' | head -1",
                "done"));
        List<String> lines = Probe.readerLoop(run.backend(), times);
        List<String> printed = lines.stream().filter(l -> !l.isEmpty()).toList(); // an empty grep prints no line
        run.article().output(run.t("出力(観測)", "Output (observed)"),
                printed.isEmpty() ? List.of(run.t("(何も表示されませんでした)", "(nothing was printed)")) : printed);

        Set<String> allowed = run.expectedReviews(run.words(words).heading()).split().versions().stream()
                .map(v -> "reviews-" + v).collect(Collectors.toCollection(TreeSet::new));
        String nothing = run.t("(表示なし)", "(nothing printed)");
        Map<String, Long> seen = lines.stream().collect(Collectors.groupingBy(l -> l.isEmpty() ? nothing : l, TreeMap::new, Collectors.counting()));
        boolean ok = !allowed.isEmpty() && allowed.containsAll(seen.keySet());
        String expectation = allowed.isEmpty() ? run.t("(設定がどのバージョンにも送らない)", "(the configuration sends to no version)")
                : String.join(run.t(" または ", " or "), allowed);
        run.check(run.t(times + " 回すべてが " + expectation + " から返る", "all " + times + " answers come from " + expectation),
                ok, seen.entrySet().stream().map(e -> e.getKey() + " × " + e.getValue()).collect(Collectors.joining(", ")));
    }
}
