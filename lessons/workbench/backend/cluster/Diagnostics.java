package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Gathers what explains a stuck wait: the recent events of the pods involved and the last log lines
 * of their containers that are not ready. Gathering talks to the cluster; formatting is pure.
 */
public final class Diagnostics {
    static final int MAX_EVENTS = 15;
    static final int LOG_LINES = 20;
    static final int MAX_LOGS = 3;

    /** One event as {@code kubectl get events} would show it. */
    public record EventLine(String time, String object, String type, String reason, String message) {
        static EventLine of(Event e) {
            String time = e.getLastTimestamp() != null ? e.getLastTimestamp()
                    : e.getEventTime() != null ? e.getEventTime().getTime()
                    : e.getFirstTimestamp() != null ? e.getFirstTimestamp() : "";
            String object = e.getInvolvedObject() == null ? "?"
                    : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName();
            return new EventLine(time == null ? "" : time, object, String.valueOf(e.getType()), String.valueOf(e.getReason()),
                    e.getMessage() == null ? "" : e.getMessage().strip());
        }
    }

    private Diagnostics() {}

    /** Events and log tails for the pods of {@code namespace} that match {@code involved}. */
    public static String gather(KubernetesClient client, String namespace, Predicate<Pod> involved) {
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems().stream().filter(involved).toList();
        Set<String> names = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        List<EventLine> events = client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null && names.contains(e.getInvolvedObject().getName()))
                .map(EventLine::of).toList();
        Map<String, List<String>> tails = new LinkedHashMap<>();
        for (Pod pod : pods) {
            for (ContainerStatus cs : Readiness.countedStatuses(pod)) {
                if (Boolean.TRUE.equals(cs.getReady()) || tails.size() >= MAX_LOGS) continue;
                boolean everStarted = cs.getRestartCount() != null && cs.getRestartCount() > 0
                        || cs.getState() != null && cs.getState().getRunning() != null;
                if (!everStarted) continue;
                String key = pod.getMetadata().getName() + "/" + cs.getName();
                try {
                    String log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                            .inContainer(cs.getName()).tailingLines(LOG_LINES).getLog();
                    tails.put(key, log == null ? List.of() : log.lines().toList());
                } catch (RuntimeException e) {
                    tails.put(key, List.of("(log not available: " + e.getMessage() + ")"));
                }
            }
        }
        return format(namespace, events, tails);
    }

    /** The last log lines of {@code container} in the pods labelled {@code key=value}, e.g. istiod's. */
    public static String logTail(KubernetesClient client, String namespace, String key, String value, String container) {
        Map<String, List<String>> tails = new LinkedHashMap<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabel(key, value).list().getItems()) {
            if (tails.size() >= MAX_LOGS) break;
            String name = pod.getMetadata().getName();
            try {
                String log = client.pods().inNamespace(namespace).withName(name).inContainer(container)
                        .tailingLines(LOG_LINES).getLog();
                tails.put(namespace + "/" + name + "/" + container, log == null ? List.of() : log.lines().toList());
            } catch (RuntimeException e) {
                tails.put(namespace + "/" + name + "/" + container, List.of("(log not available: " + e.getMessage() + ")"));
            }
        }
        return format(namespace, List.of(), tails);
    }

    /** The text appended to a failure: newest events last, then each log tail. */
    public static String format(String namespace, List<EventLine> events, Map<String, List<String>> logTails) {
        StringBuilder sb = new StringBuilder();
        List<EventLine> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(EventLine::time));
        List<EventLine> recent = sorted.subList(Math.max(0, sorted.size() - MAX_EVENTS), sorted.size());
        if (!recent.isEmpty()) {
            sb.append("Recent events in namespace ").append(namespace).append(":\n");
            for (EventLine e : recent) {
                sb.append("  ").append(e.time()).append("  ").append(e.type()).append("  ").append(e.object())
                        .append("  ").append(e.reason()).append(": ").append(e.message()).append('\n');
            }
        }
        for (Map.Entry<String, List<String>> tail : logTails.entrySet()) {
            List<String> lines = tail.getValue();
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size());
            sb.append("Last ").append(last.size()).append(" log lines of ").append(tail.getKey()).append(":\n");
            for (String line : last) sb.append("  | ").append(line).append('\n');
        }
        return sb.toString();
    }
}
