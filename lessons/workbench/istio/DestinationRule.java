package workbench.istio;

import java.util.List;
import java.util.Optional;
import workbench.manifest.Document;
import workbench.manifest.Field;

/** The parts of a networking.istio.io DestinationRule the mesh uses: its host, traffic policy and named subsets. */
public record DestinationRule(Document document, String name, String namespace, String host, List<Subset> subsets,
                              TrafficPolicy trafficPolicy) {

    public DestinationRule(Document document, String name, String namespace, String host, List<Subset> subsets) {
        this(document, name, namespace, host, subsets, TrafficPolicy.NONE);
    }

    public static DestinationRule read(Document doc, String defaultNamespace) {
        Field spec = doc.root().required("spec");
        return new DestinationRule(doc, doc.name(), doc.namespaceOr(defaultNamespace),
                spec.text("host"), spec.list("subsets", Subset::read), TrafficPolicy.read(spec.get("trafficPolicy")));
    }

    public Optional<Subset> subset(String name) {
        return subsets.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
