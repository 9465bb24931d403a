package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbench.verdict.ExpectedSplit;

/** Writes where a check's expectation came from: the rule in force, each destination and its pods, and caveats. */
final class ExpectationProse {
    private ExpectationProse() {}

    static void write(LessonRun run, LessonRun.Expectation expectation) {
        ExpectedSplit expected = expectation.split();
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> part : expected.describeParts().entrySet()) lines.add(part.getKey() + "  " + part.getValue());
        expected.failures().forEach(f -> lines.add("! " + f));
        run.article().prose(run.t(
                "期待値はレッスンに書き込まず、いま効いている設定(" + expected.source() + ")から、productpage の Pod `"
                        + expectation.caller().name() + "` のサイドカーが行うのと同じルーティングの判断で求めました。"
                        + "送り先ごとの weight と、そのクラスタに入る Pod(バージョンごとの数)は次のとおりです。",
                "The expectation is not written into the lesson: it is derived from the configuration in force ("
                        + expected.source() + ") by the same routing decision that the sidecar of productpage's pod `"
                        + expectation.caller().name() + "` makes. Each destination's weight, and the pods in its cluster by version:"));
        run.article().output(run.t("期待値の導出(適用した設定から)", "How the expectation was derived (from the applied configuration)"),
                lines.isEmpty() ? List.of("-") : lines);
        if (!expectation.caller().sidecar()) {
            run.article().prose(run.t(
                    "WARNING: productpage の Pod に istio-proxy がありません。サイドカーのない Pod の呼び出しは VirtualService を通らず、"
                            + "kube-proxy が reviews の Pod から無作為に選びます。上の期待値は設定が求めるもので、この Pod はそれに従いません。",
                    "WARNING: productpage's pod has no istio-proxy. Calls from a pod without a sidecar skip the VirtualService: kube-proxy "
                            + "picks any reviews pod at random. The expectation above is what the configuration asks for, and this pod does not follow it."));
        }
        if (!expected.failures().isEmpty()) {
            run.article().prose(run.t(
                    "この設定では、一部のリクエストが失敗すると予想されます(上の ! の行)。productpage は reviews を 2 回まで試し、"
                            + "だめなら reviews なしのページを返すので、そのページはエラーの行に数えます。",
                    "With this configuration some requests are expected to fail (the lines marked !). productpage tries reviews up "
                            + "to twice and then shows its page without reviews; such pages are counted in the error row."));
        }
    }
}
