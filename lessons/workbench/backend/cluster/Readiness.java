package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import workbench.backend.PodStatus;

/**
 * What "ready" means for the objects the cluster backends wait on, as pure functions over fabric8
 * model objects. Each {@code ...Pending} method returns empty when the object is ready, or one line
 * saying what is still missing (that line ends up in the timeout message).
 */
public final class Readiness {
    public static final String PROXY = "istio-proxy";
    public static final String INJECTION_LABEL = "istio-injection";
    static final String INJECT_OPT_OUT = "sidecar.istio.io/inject";

    private Readiness() {}

    /** A Deployment whose current spec has been rolled out with every replica ready and no old pods left. */
    public static Optional<String> deploymentPending(Deployment d) {
        String name = "Deployment " + d.getMetadata().getName();
        if (d.getStatus() == null) return Optional.of(name + ": no status yet");
        long generation = orZero(d.getMetadata().getGeneration());
        long observed = orZero(d.getStatus().getObservedGeneration());
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = orZero(d.getStatus().getReadyReplicas());
        int updated = orZero(d.getStatus().getUpdatedReplicas());
        int total = orZero(d.getStatus().getReplicas());
        if (observed < generation) return Optional.of(name + ": the controller has not seen the new spec yet");
        if (updated < want) return Optional.of(name + ": " + updated + "/" + want + " replicas updated");
        if (total > want) return Optional.of(name + ": " + (total - want) + " old replicas still terminating");
        if (ready < want) return Optional.of(name + ": " + ready + "/" + want + " replicas ready");
        return Optional.empty();
    }

    /** A pod that is Running with every container ready, including an injected {@code istio-proxy}. */
    public static Optional<String> podPending(Pod pod) {
        String name = "pod " + pod.getMetadata().getName();
        if (isTerminating(pod)) return Optional.of(name + ": terminating");
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!"Running".equals(phase)) return Optional.of(name + ": " + status(pod).phase());
        if (!hasProxy(pod) && !optedOut(pod)) return Optional.of(name + ": has no " + PROXY + " container (sidecar not injected)");
        List<String> notReady = new ArrayList<>();
        for (ContainerStatus cs : countedStatuses(pod)) {
            if (!Boolean.TRUE.equals(cs.getReady())) notReady.add(cs.getName());
        }
        if (countedStatuses(pod).size() < countedContainers(pod)) return Optional.of(name + ": containers not reported yet");
        if (!notReady.isEmpty()) return Optional.of(name + ": not ready: " + String.join(", ", notReady));
        return Optional.empty();
    }

    /** True when Istio injected its proxy, as a regular container or as a native sidecar (init container, restartPolicy Always). */
    public static boolean hasProxy(Pod pod) {
        if (pod.getSpec() == null) return false;
        return pod.getSpec().getContainers().stream().anyMatch(c -> PROXY.equals(c.getName()))
                || pod.getSpec().getInitContainers().stream().anyMatch(c -> PROXY.equals(c.getName()));
    }

    /** The pod asked not to get a sidecar ({@code sidecar.istio.io/inject: "false"} as label or annotation). */
    public static boolean optedOut(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Map<String, String> annotations = pod.getMetadata().getAnnotations() == null ? Map.of() : pod.getMetadata().getAnnotations();
        return "false".equals(labels.get(INJECT_OPT_OUT)) || "false".equals(annotations.get(INJECT_OPT_OUT));
    }

    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** Empty when every webhook of the sidecar injector has the CA bundle istiod patches in. */
    public static Optional<String> webhookPending(MutatingWebhookConfiguration mwc) {
        if (mwc == null) return Optional.of("MutatingWebhookConfiguration not created yet");
        List<MutatingWebhook> hooks = mwc.getWebhooks();
        if (hooks == null || hooks.isEmpty()) return Optional.of(mwc.getMetadata().getName() + " has no webhooks yet");
        List<String> missing = hooks.stream()
                .filter(h -> h.getClientConfig() == null || h.getClientConfig().getCaBundle() == null
                        || h.getClientConfig().getCaBundle().isBlank())
                .map(MutatingWebhook::getName).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(mwc.getMetadata().getName() + ": no caBundle yet on " + String.join(", ", missing));
    }

    /** The namespace asks for sidecar injection by the default revision. */
    public static boolean injectionEnabled(Namespace ns) {
        Map<String, String> labels = ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
        return "enabled".equals(labels.get(INJECTION_LABEL));
    }

    /** A Job (the Helm controller's install job) that has succeeded; failed attempts are reported, not fatal. */
    public static Optional<String> jobPending(Job job) {
        if (job == null) return Optional.of("job not created yet");
        String name = "job " + job.getMetadata().getName();
        if (job.getStatus() == null) return Optional.of(name + ": not started");
        if (orZero(job.getStatus().getSucceeded()) > 0) return Optional.empty();
        int failed = orZero(job.getStatus().getFailed());
        return Optional.of(name + ": running" + (failed > 0 ? " (" + failed + " failed attempts so far)" : ""));
    }

    public static int failedAttempts(Job job) {
        return job == null || job.getStatus() == null ? 0 : orZero(job.getStatus().getFailed());
    }

    /**
     * One line of {@code kubectl get pods}: ready/total counts the app containers plus native sidecars
     * (init containers with restartPolicy Always), and the status is the first waiting reason, like kubectl's.
     */
    public static PodStatus status(Pod pod) {
        List<ContainerStatus> counted = countedStatuses(pod);
        int ready = (int) counted.stream().filter(cs -> Boolean.TRUE.equals(cs.getReady())).count();
        return new PodStatus(pod.getMetadata().getName(), ready, countedContainers(pod), statusWord(pod), hasProxy(pod));
    }

    private static String statusWord(Pod pod) {
        if (isTerminating(pod)) return "Terminating";
        if (pod.getStatus() == null) return "Pending";
        if (pod.getStatus().getReason() != null && !pod.getStatus().getReason().isBlank()) return pod.getStatus().getReason();
        List<String> sidecars = sidecarInitNames(pod);
        int plainInits = (int) specInits(pod).stream().filter(c -> !sidecars.contains(c.getName())).count();
        int doneInits = 0;
        for (ContainerStatus cs : pod.getStatus().getInitContainerStatuses()) {
            if (sidecars.contains(cs.getName())) continue;
            if (cs.getState() != null && cs.getState().getTerminated() != null
                    && Objects.equals(cs.getState().getTerminated().getExitCode(), 0)) {
                doneInits++;
            } else if (cs.getState() != null && cs.getState().getWaiting() != null
                    && cs.getState().getWaiting().getReason() != null
                    && !"PodInitializing".equals(cs.getState().getWaiting().getReason())) {
                return "Init:" + cs.getState().getWaiting().getReason();
            }
        }
        if (doneInits < plainInits) return "Init:" + doneInits + "/" + plainInits;
        for (ContainerStatus cs : countedStatuses(pod)) {
            if (cs.getState() != null && cs.getState().getWaiting() != null && cs.getState().getWaiting().getReason() != null) {
                return cs.getState().getWaiting().getReason();
            }
            if (cs.getState() != null && cs.getState().getTerminated() != null && cs.getState().getTerminated().getReason() != null) {
                return cs.getState().getTerminated().getReason();
            }
        }
        return pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    }

    /** Statuses of the containers kubectl counts: regular containers and native sidecars. */
    static List<ContainerStatus> countedStatuses(Pod pod) {
        List<ContainerStatus> out = new ArrayList<>();
        if (pod.getStatus() == null) return out;
        List<String> sidecars = sidecarInitNames(pod);
        pod.getStatus().getInitContainerStatuses().stream().filter(cs -> sidecars.contains(cs.getName())).forEach(out::add);
        out.addAll(pod.getStatus().getContainerStatuses());
        return out;
    }

    private static int countedContainers(Pod pod) {
        if (pod.getSpec() == null) return 0;
        return pod.getSpec().getContainers().size() + sidecarInitNames(pod).size();
    }

    private static List<String> sidecarInitNames(Pod pod) {
        return specInits(pod).stream().filter(c -> "Always".equals(c.getRestartPolicy())).map(Container::getName).toList();
    }

    private static List<Container> specInits(Pod pod) {
        return pod.getSpec() == null ? List.of() : pod.getSpec().getInitContainers();
    }

    private static int orZero(Integer i) { return i == null ? 0 : i; }

    private static long orZero(Long l) { return l == null ? 0 : l; }
}
