package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static workbench.backend.cluster.Pods.classic;
import static workbench.backend.cluster.Pods.plain;
import static workbench.backend.cluster.Pods.running;
import static workbench.backend.cluster.Pods.waiting;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

class PodProblemsTest {

    @Test
    void dockerHubRateLimitStopsTheWaitWithWhatToDo() {
        Pod p = classic("reviews-v2-a", "Pending", waiting("reviews", "ErrImagePull",
                "failed to pull and unpack image: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit"),
                running("istio-proxy", true)).build();
        assertThat(PodProblems.hopeless(p)).get().asString()
                .contains("pod reviews-v2-a, container reviews")
                .contains("Docker Hub rate limit")
                .contains("--reuse");
    }

    @Test
    void missingImageStopsTheWait() {
        Pod p = classic("details-v1-a", "Pending", waiting("details", "ImagePullBackOff",
                "rpc error: failed to resolve reference \"docker.io/istio/examples-bookinfo-details-v1:9.9\": not found"),
                running("istio-proxy", true)).build();
        assertThat(PodProblems.imageProblem(p)).get().asString().contains("does not exist or is private");
    }

    @Test
    void slowOrFlakyPullsAreWaitedFor() {
        Pod p = classic("details-v1-a", "Pending", waiting("details", "ImagePullBackOff", "dial tcp: i/o timeout"),
                running("istio-proxy", true)).build();
        assertThat(PodProblems.hopeless(p)).isEmpty();
        Pod creating = classic("details-v1-a", "Pending", waiting("details", "ContainerCreating", ""),
                waiting("istio-proxy", "ContainerCreating", "")).build();
        assertThat(PodProblems.hopeless(creating)).isEmpty();
    }

    @Test
    void runningPodWithoutSidecarWillNotGetOne() {
        assertThat(PodProblems.hopeless(plain("ratings-v1-b", running("ratings", true)).build())).get().asString()
                .contains("runs without an istio-proxy sidecar").contains("Delete the pod");
    }
}
