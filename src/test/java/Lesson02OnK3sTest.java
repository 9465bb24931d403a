import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension.Ran;
import workbench.lesson.RunsLesson;
import workbench.testing.StartsK3s;

/**
 * Lesson 02 on a throwaway k3s with real Istio and Istio's real addons: the same contract as on the embedded mesh, the
 * metrics read from Prometheus and the trace from Jaeger. Needs Docker with privileged containers; runs only with
 * {@code mvn test -Pk3s} (skipped otherwise, with that reason).
 */
@StartsK3s
@RunsLesson(value = Lesson02Observability.class, backend = "k3s")
class Lesson02OnK3sTest extends Lesson02Contract {

    @Test
    void articleSaysItRanOnRealIstio(Ran run) {
        assertThat(run.html()).doesNotContain("組み込みメッシュ(エミュレータ)").contains("k3s", "istio");
    }

    /** Images as Istio 1.28.10's samples/addons/{prometheus,kiali,jaeger}.yaml name them. */
    @Test
    void addonsWereInstalledFromIstiosChartsAndBecameReady(Ran run) {
        assertThat(run.html()).contains("chart prometheus 27.37.0", "chart kiali-server 2.17.0",
                "deployment/prometheus 1/1 ready", "docker.io/prom/prometheus:v3.5.0",
                "deployment/kiali 1/1 ready", "quay.io/kiali/kiali:v2.17",
                "deployment/jaeger 1/1 ready", "docker.io/jaegertracing/all-in-one:1.70.0");
    }

    @Test
    void stampSaysEveryRequestIsTraced(Ran run) {
        assertThat(run.html()).contains("sampling 100%");
    }
}
