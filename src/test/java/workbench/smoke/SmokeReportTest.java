package workbench.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.lesson.Check;
import workbench.lesson.LessonResult;

class SmokeReportTest {
    /** What the runner prints and the article's stamp table holds after a k3s run (shapes as LessonRunner and AsciiDoc write them). */
    private static final String CONSOLE = """
            lesson03: Istio hands-on 03
            backend: k3s: a throwaway Kubernetes in Docker with Istio, as asked; the first run downloads about 1 GB
            [1/13] Introduction ... 0.01 s
            [5/13] Pin reviews to v1 ... 14.20 s
                  ✔ every request went to v1 — 2000 of 2000
            PASSED: 7 checks, 0 failed in 412.3 s
            """;
    private static final String ADOC = """
            [cols="1,3",options="header"]
            |===
            |項目 |値
            |backend |k3s (a throwaway Kubernetes in Docker)
            |k3s image |rancher/k3s:v1.33.5-k3s1
            |kubernetes |v1.33.5+k3s1
            |istio |1.28.10 (Helm charts base and istiod, installed by the k3s Helm controller)
            |time: k3s start |41.3 s
            |time: istio install |95.0 s
            |waited: the istiod Deployment in istio-system to be ready |60.2 s
            |waited: VirtualService reviews to be in effect in every sidecar of namespace default |6.0 s over 2 waits
            |===
            """;

    private static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("java", "21.0.5");
        v.put("docker", "27.3.1 on Docker Desktop, 7.7 GiB memory, 4 CPUs");
        return v;
    }

    @Test
    void aPassingRunShowsVersionsTimingsWaitsAndResult() {
        LessonResult passed = new LessonResult(0, List.of(new Check("5", "every request went to v1", true, "2000 of 2000")), List.of(), null, 1, null);
        String report = SmokeReport.build(versions(), CONSOLE, passed, ADOC);
        assertThat(report)
                .contains("result: PASSED (exit 0), 1 checks")
                .contains("  docker: 27.3.1 on Docker Desktop", "  k3s image: rancher/k3s:v1.33.5-k3s1", "  kubernetes: v1.33.5+k3s1")
                .contains("  k3s start: 41.3 s", "  istio install: 95.0 s", "  step 5/13 Pin reviews to v1: 14.20 s")
                .contains("  the istiod Deployment in istio-system to be ready: 60.2 s",
                        "  VirtualService reviews to be in effect in every sidecar of namespace default: 6.0 s over 2 waits")
                .doesNotContain("failed checks:", "error:");
    }

    @Test
    void aFailedCheckAndAnErrorAreSpelledOut() {
        LessonResult failed = new LessonResult(1, List.of(new Check("7", "split matches 80/20", false, "v1 1500, v3 500")), List.of(), null, 1, null);
        assertThat(SmokeReport.build(versions(), CONSOLE, failed, ADOC))
                .contains("result: FAILED (exit 1), 1 of 1 checks failed", "failed checks:\n  split matches 80/20 — v1 1500, v3 500");
        LessonResult error = new LessonResult(2, List.of(), List.of(), null, 1, "Timed out after 6 min waiting for istiod.\nStill missing: 0/1 ready");
        assertThat(SmokeReport.build(versions(), "", error, ""))
                .contains("result: ERROR (exit 2), 0 checks made before it stopped")
                .contains("(nothing recorded: the cluster did not get that far)")
                .contains("error:\n  Timed out after 6 min waiting for istiod.\n  Still missing: 0/1 ready");
    }
}
