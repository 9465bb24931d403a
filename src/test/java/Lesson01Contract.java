import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import workbench.lesson.Check;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension.Ran;

/**
 * Lesson 01 as a reader runs it: every check passes, the server header switches from nginx to envoy, READY goes from
 * 1/1 to 2/2, the label leaves running pods alone, and istio-proxy is a native sidecar. The same on every backend.
 */
abstract class Lesson01Contract {
    static final int CHECKS = 11;

    @Test
    void everyCheckPasses(Ran run) {
        assertThat(run.result().exitCode()).as(run.console()).isEqualTo(LessonResult.PASSED);
        assertThat(run.result().checks()).hasSize(CHECKS).allMatch(Check::passed);
        assertThat(run.console()).contains("PASSED: " + CHECKS + " checks, 0 failed");
    }

    @Test
    void theServerHeaderNamesTheNginxReleaseTheManifestPinsThenEnvoy(Ran run) throws IOException {
        JsonNode pod = new ObjectMapper(new YAMLFactory()).readTree(Path.of("manifests/nginx-pod.yaml").toFile());
        String image = pod.path("spec").path("containers").get(0).path("image").asText();
        String release = image.substring(image.lastIndexOf(':') + 1);
        List<String> serverHeaders = run.result().checks().stream().map(Check::observed).filter(o -> o.startsWith("server: ")).toList();
        assertThat(serverHeaders).containsExactly("server: nginx/" + release, "server: envoy");
        assertThat(run.html()).contains("Server: nginx/" + release, "server: envoy", "x-envoy-upstream-service-time: ");
    }

    @Test
    void readyGoesFromOneOfOneToTwoOfTwo(Ran run) {
        assertThat(podTable(run.adoc(), "作成直後")).containsPattern("nginx +1/1 +Running").containsPattern("curl +1/1 +Running");
        assertThat(podTable(run.adoc(), "ラベル付与の直後")).containsPattern("nginx +1/1 +Running").containsPattern("curl +1/1 +Running");
        assertThat(podTable(run.adoc(), "作り直した後")).containsPattern("nginx +2/2 +Running").containsPattern("curl +2/2 +Running");
        assertThat(run.html()).contains("class=\"count-chart\"");
    }

    /** The literal block of the kubectl get pods output whose title ends with {@code when}. */
    static String podTable(String adoc, String when) {
        int title = adoc.indexOf("kubectl get pods の出力(観測、" + when + ")");
        assertThat(title).as("a pod table titled " + when).isNotNegative();
        int open = adoc.indexOf("....\n", title);
        return adoc.substring(open + 5, adoc.indexOf("....\n", open + 5));
    }

    @Test
    void labellingTheNamespaceLeavesRunningPodsAsTheyWere(Ran run) {
        assertThat(run.result().checks()).filteredOn(c -> c.claim().startsWith("既存の Pod は変わらない"))
                .singleElement().satisfies(c -> assertThat(c.passed()).isTrue());
        assertThat(run.adoc()).containsPattern("default +Active +enabled|workbench-\\S+ +Active +enabled");
    }

    @Test
    void theInjectedPodShowsIstioProxyAsANativeSidecar(Ran run) {
        assertThat(run.adoc())
                .containsPattern("nginx +nginx +(istio-init,)?istio-proxy")
                .contains("restartPolicy}'\nAlways\n")
                .containsPattern("docker.io/istio/proxyv2:1\\.28\\.\\d+");
    }

    @Test
    void articleIncludesTheManifestsAndAPassMarkPerCheck(Ran run) {
        assertThat(run.adoc()).contains("include::{manifestsdir}/nginx-pod.yaml[]", "include::{manifestsdir}/nginx-service.yaml[]",
                "include::{manifestsdir}/curl-pod.yaml[]",
                "kubectl run nginx", "kubectl expose pod nginx", "--command -- sleep infinity");
        assertThat(run.html().split("class=\"check pass\"", -1)).hasSize(CHECKS + 1);
        assertThat(run.html()).doesNotContain("class=\"check fail\"").contains("実行記録");
    }
}
