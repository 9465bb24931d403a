package workbench.istio;

import java.util.List;
import workbench.manifest.Document;
import workbench.manifest.Field;

/** The parts of a networking.istio.io VirtualService that decide where HTTP requests go. */
public record VirtualService(Document document, String name, String namespace, List<String> hosts, List<HttpRoute> http) {

    public static VirtualService read(Document doc, String defaultNamespace) {
        Field spec = doc.root().required("spec");
        List<String> hosts = spec.list("hosts", Field::text);
        if (hosts.isEmpty()) throw spec.get("hosts").error("must list at least one host");
        return new VirtualService(doc, doc.name(), doc.namespaceOr(defaultNamespace), hosts, spec.list("http", HttpRoute::read));
    }
}
