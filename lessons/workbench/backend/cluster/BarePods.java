package workbench.backend.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import workbench.backend.BackendException;
import workbench.manifest.Document;

/**
 * {@code kubectl run}, {@code expose}, {@code delete pod}, {@code get pod -o json} and {@code exec} on a real cluster,
 * for lessons that work with bare pods. Unlike a deploy, it leaves the namespace's injection label alone, so the
 * cluster's own webhook decides, from the label as it is, whether a pod gets a sidecar.
 */
public final class BarePods {
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    static final Duration GONE_TIMEOUT = Duration.ofMinutes(2);
    static final Duration EXEC_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final Applier applier;
    private final PodExec exec;
    private final String namespace;

    public BarePods(KubernetesClient client, Applier applier, String namespace) {
        this.client = client;
        this.applier = applier;
        this.exec = new PodExec(client);
        this.namespace = namespace;
    }

    /** Creates the objects as written, then waits for each pod's Ready condition (a native sidecar counts in it). */
    public void run(List<Document> podsAndServices) {
        podsAndServices.forEach(applier::apply);
        for (Document doc : podsAndServices) {
            if (doc.kind().equals("Pod")) await(doc.name(), BarePods::ready, READY_TIMEOUT, "to be Ready");
        }
    }

    /** Deletes the pods and waits until the API server no longer has them, as {@code kubectl delete pod} does. */
    public void delete(List<Document> pods) {
        pods.forEach(applier::delete);
        for (Document doc : pods) await(doc.name(), Objects::isNull, GONE_TIMEOUT, "to be gone");
    }

    public Optional<JsonNode> object(String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        if (pod == null) return Optional.empty();
        try {
            return Optional.of(new ObjectMapper().readTree(client.getKubernetesSerialization().asJson(pod)));
        } catch (JsonProcessingException e) {
            throw new BackendException("pod " + name + " came back from the API server as JSON that does not parse: " + e.getMessage(), e);
        }
    }

    public String exec(String pod, String container, List<String> command) {
        return exec.run(namespace, pod, container, EXEC_TIMEOUT, command.toArray(String[]::new)).stdoutText();
    }

    static boolean ready(Pod pod) {
        return pod != null && pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void await(String name, Predicate<Pod> condition, Duration timeout, String what) {
        try {
            client.pods().inNamespace(namespace).withName(name).waitUntilCondition(condition, timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (KubernetesClientException e) {
            throw new BackendException("waited " + Waiter.human(timeout) + " for pod " + name + " in namespace " + namespace + " " + what
                    + ", in vain: " + e.getMessage() + ". See `kubectl describe pod -n " + namespace + " " + name + "`.", e);
        }
    }
}
