package workbench.istio;

import java.util.List;
import workbench.manifest.Document;
import workbench.manifest.Field;

/**
 * The parts of a networking.istio.io VirtualService that decide where HTTP requests go. {@code gateways}
 * empty means "the mesh" (every sidecar); a list without {@code mesh} binds the rules to gateways only.
 */
public record VirtualService(Document document, String name, String namespace, List<String> hosts, List<HttpRoute> http,
                             List<String> gateways) {

    public static final String MESH_GATEWAY = "mesh";

    public VirtualService(Document document, String name, String namespace, List<String> hosts, List<HttpRoute> http) {
        this(document, name, namespace, hosts, http, List.of());
    }

    public static VirtualService read(Document doc, String defaultNamespace) {
        Field spec = doc.root().required("spec");
        List<String> hosts = spec.list("hosts", Field::text);
        if (hosts.isEmpty()) throw spec.get("hosts").error("must list at least one host");
        return new VirtualService(doc, doc.name(), doc.namespaceOr(defaultNamespace), hosts,
                spec.list("http", HttpRoute::read), spec.list("gateways", Field::text));
    }

    /** Whether sidecars get these rules at all: no gateways listed, or {@code mesh} among them. */
    public boolean appliesToSidecars() { return gateways.isEmpty() || gateways.contains(MESH_GATEWAY); }
}
