package workbench.kube;

import java.util.List;
import java.util.Map;
import workbench.manifest.Document;
import workbench.manifest.Field;

/** A Deployment as far as running it goes: how many pods, with which labels, running which image. */
public record Workload(Document document, String name, String namespace, int replicas,
                       Map<String, String> podLabels, String serviceAccount, String image, String imagePath) {

    public static Workload read(Document doc, String defaultNamespace) {
        Field spec = doc.root().required("spec");
        Field podSpec = spec.required("template").required("spec");
        List<Field> containers = podSpec.list("containers");
        if (containers.isEmpty()) throw podSpec.get("containers").error("must list at least one container");
        Field image = containers.get(0).required("image");
        Map<String, String> labels = spec.required("template").required("metadata").stringMap("labels");
        Map<String, String> selector = spec.required("selector").stringMap("matchLabels");
        selector.forEach((k, v) -> {
            if (!v.equals(labels.get(k))) {
                throw spec.get("selector").get("matchLabels").get(k).error(
                        "selector does not match template labels: `selector` does not match template `labels`");
            }
        });
        int replicas = (int) spec.optInteger("replicas").orElse(1L).longValue();
        if (replicas < 0) throw spec.get("replicas").error("must be greater than or equal to 0");
        return new Workload(doc, doc.name(), doc.namespaceOr(defaultNamespace), replicas, labels,
                podSpec.optText("serviceAccountName").orElse("default"), image.text(), image.path());
    }
}
