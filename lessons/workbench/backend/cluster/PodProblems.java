package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Pod states that waiting longer will not fix, recognised from the pod alone so a wait can stop at
 * once with the reason and what to do instead of running into its timeout.
 */
public final class PodProblems {
    private PodProblems() {}

    /** Why this pod will not become ready by itself, with what to do; empty when waiting may still help. */
    public static Optional<String> hopeless(Pod pod) {
        return missingSidecar(pod).or(() -> imageProblem(pod));
    }

    /** A Running pod that should have a sidecar but has none: injection missed it, and it will not be added later. */
    public static Optional<String> missingSidecar(Pod pod) {
        String name = pod.getMetadata().getName();
        if ("Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase()) && !Readiness.hasProxy(pod) && !Readiness.optedOut(pod)) {
            return Optional.of("pod " + name + " runs without an " + Readiness.PROXY + " sidecar: it was created before its namespace had "
                    + Readiness.INJECTION_LABEL + "=enabled or while the sidecar injector was not answering. "
                    + "Delete the pod (its Deployment recreates it with the sidecar).");
        }
        return Optional.empty();
    }

    /** An image pull the registry refuses for good: a rate limit that lasts hours, or an image that does not exist. */
    public static Optional<String> imageProblem(Pod pod) {
        String name = pod.getMetadata().getName();
        for (ContainerStatus cs : allStatuses(pod)) {
            if (cs.getState() == null || cs.getState().getWaiting() == null) continue;
            String reason = String.valueOf(cs.getState().getWaiting().getReason());
            String message = String.valueOf(cs.getState().getWaiting().getMessage());
            if (!reason.equals("ErrImagePull") && !reason.equals("ImagePullBackOff")) continue;
            String lower = message.toLowerCase(Locale.ROOT);
            if (lower.contains("toomanyrequests") || lower.contains("429") || lower.contains("rate limit")) {
                return Optional.of("pod " + name + ", container " + cs.getName() + ": the registry refused to send image "
                        + cs.getImage() + " (Docker Hub rate limit: anonymous pulls are limited per IP address). "
                        + "Wait for the limit to reset (up to 6 hours), or run from a network whose address has pulls left; "
                        + "--reuse keeps a cluster with its images between runs so they are pulled only once. Registry said: " + message);
            }
            if (lower.contains("not found") || lower.contains("manifest unknown") || lower.contains("pull access denied")) {
                return Optional.of("pod " + name + ", container " + cs.getName() + ": image " + cs.getImage()
                        + " does not exist or is private. Check the image name and tag in the manifest. Registry said: " + message);
            }
        }
        return Optional.empty();
    }

    private static List<ContainerStatus> allStatuses(Pod pod) {
        List<ContainerStatus> out = new ArrayList<>();
        if (pod.getStatus() == null) return out;
        out.addAll(pod.getStatus().getInitContainerStatuses());
        out.addAll(pod.getStatus().getContainerStatuses());
        return out;
    }
}
