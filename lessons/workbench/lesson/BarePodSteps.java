package workbench.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.backend.PodStatus;
import workbench.manifest.Document;
import workbench.mesh.SidecarInjector;

/** What the bare-pod steps share: the kubectl commands a manifest stands for, the pod table, the READY check. */
final class BarePodSteps {
    private BarePodSteps() {}

    static List<Document> pods(List<Document> docs) { return docs.stream().filter(d -> d.kind().equals("Pod")).toList(); }

    /**
     * The imperative command that makes exactly this object, when there is one: {@code kubectl run} for a pod of one
     * container labelled {@code run=NAME}, {@code kubectl expose pod} for a Service selecting such a pod on one port;
     * anything else is shown as {@code kubectl apply -f}.
     */
    static String command(Document doc, String namespace, String manifestPath) {
        JsonNode spec = doc.body().path("spec");
        Map<String, String> labels = strings(doc.body().path("metadata").path("labels"));
        if (doc.kind().equals("Pod") && spec.path("containers").size() == 1 && labels.equals(Map.of("run", doc.name()))) {
            JsonNode c = spec.path("containers").get(0);
            StringBuilder line = new StringBuilder("kubectl run " + doc.name() + " -n " + namespace + " --image=" + c.path("image").asText());
            c.path("ports").forEach(p -> line.append(" --port=").append(p.path("containerPort").asInt()));
            if (c.has("command")) {
                line.append(" --command --");
                c.path("command").forEach(arg -> line.append(' ').append(arg.asText()));
            }
            return line.toString();
        }
        Map<String, String> selector = strings(spec.path("selector"));
        if (doc.kind().equals("Service") && spec.path("ports").size() == 1 && selector.size() == 1 && selector.containsKey("run")) {
            JsonNode port = spec.path("ports").get(0);
            boolean samePort = !port.has("targetPort") || port.path("targetPort").asInt() == port.path("port").asInt();
            if (samePort && selector.get("run").equals(doc.name())) {
                return "kubectl expose pod " + doc.name() + " -n " + namespace + " --port=" + port.path("port").asInt();
            }
        }
        return "kubectl apply -n " + namespace + " -f " + manifestPath;
    }

    /** Shows {@code kubectl get pods} as observed and returns it. */
    static List<PodStatus> showPods(LessonRun run, String when) {
        List<PodStatus> pods = run.backend().pods();
        List<String> table = new ArrayList<>();
        table.add(String.format("%-10s %-6s %s", "NAME", "READY", "STATUS"));
        pods.forEach(p -> table.add(String.format("%-10s %-6s %s", p.name(), p.ready(), p.phase())));
        run.article().output(run.t("kubectl get pods の出力(観測、", "kubectl get pods (observed, ") + when + ")", table);
        return pods;
    }

    /**
     * Each pod ready with as many containers as the manifest gives it, plus istio-proxy when the injector's policy
     * (SidecarInjector, on the namespace labels read just before the pods were created) says it gets one; kubectl's
     * READY counts a native sidecar with the app containers.
     */
    static void checkReadyAsInjected(LessonRun run, List<Document> pods, Map<String, String> namespaceLabels, List<PodStatus> observed) {
        List<String> expected = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        boolean passed = true;
        for (Document pod : pods) {
            boolean injects = SidecarInjector.injects(namespaceLabels, strings(pod.body().path("metadata").path("labels")));
            int containers = pod.body().path("spec").path("containers").size() + (injects ? 1 : 0);
            expected.add(pod.name() + " " + containers + "/" + containers + (injects ? " +istio-proxy" : ""));
            Optional<PodStatus> status = observed.stream().filter(s -> s.name().equals(pod.name())).findFirst();
            seen.add(pod.name() + " " + status.map(s -> s.ready() + (s.istioProxy() ? " +istio-proxy" : "")).orElse("(missing)"));
            passed &= status.isPresent() && status.get().allReady() && status.get().containers() == containers
                    && status.get().istioProxy() == injects;
        }
        run.check(run.t("READY が注入の有無どおり: ", "READY as injection decides: ") + String.join(", ", expected), passed,
                String.join(", ", seen));
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
