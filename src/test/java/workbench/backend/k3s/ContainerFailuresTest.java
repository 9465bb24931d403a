package workbench.backend.k3s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContainerFailuresTest {
    private static final String IMAGE = K3sSettings.DEFAULT_IMAGE;
    private static final String REMOVED = "The container abc was removed.";

    private static RuntimeException launch(String cause) {
        return new RuntimeException("Container startup failed for image " + IMAGE, new RuntimeException(cause));
    }

    @Test
    void rateLimitedPullSaysWaitOrLogIn() {
        String m = ContainerFailures.explain(launch("toomanyrequests: You have reached your unauthenticated pull rate limit"), "", IMAGE, REMOVED);
        assertThat(m).startsWith("Could not start the k3s cluster (" + IMAGE + "): Docker Hub refused to send an image")
                .contains("docker login").contains(REMOVED).contains("Docker said: Container startup failed");
    }

    @Test
    void privilegedRefusedPointsAtRootfulDockerOrKubeconfig() {
        String m = ContainerFailures.explain(launch("privileged mode is incompatible with user namespaces"), "", IMAGE, REMOVED);
        assertThat(m).contains("privileged container").contains("--backend kubeconfig");
    }

    @Test
    void unknownTagSaysCheckTheTag() {
        String m = ContainerFailures.explain(launch("manifest unknown: manifest unknown"), "", "rancher/k3s:v9.9.9-k3s1", REMOVED);
        assertThat(m).contains("could not be found").contains("Check the tag");
    }

    @Test
    void startTimeoutShowsTheLogTail() {
        String logs = "level=info msg=\"Starting k3s\"\nlevel=fatal msg=\"failed to find memory cgroup (v2)\"";
        String m = ContainerFailures.explain(
                launch("Timed out waiting for log output matching '.*Node controller sync successful.*'"), logs, IMAGE, REMOVED);
        assertThat(m).contains("did not report a ready node").contains("  | level=fatal msg=\"failed to find memory cgroup (v2)\"");
    }

    @Test
    void oomIsAMemoryProblem() {
        String m = ContainerFailures.explain(launch("container exited"), "... OOMKilled ...", IMAGE, REMOVED);
        assertThat(m).contains("ran out of memory").contains("4 GiB");
    }

    @Test
    void somethingElseIsReportedAsIs() {
        String m = ContainerFailures.explain(launch("port is already allocated"), "", IMAGE, REMOVED);
        assertThat(m).contains("did not start: Container startup failed for image").contains("port is already allocated");
    }

    @Test
    void messagesFollowTheCauseChain() {
        assertThat(ContainerFailures.messages(launch("inner"))).isEqualTo("Container startup failed for image " + IMAGE + " <- inner");
    }
}
