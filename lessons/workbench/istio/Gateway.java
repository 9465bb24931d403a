package workbench.istio;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.manifest.Document;
import workbench.manifest.Field;

/**
 * A networking.istio.io Gateway: which gateway pods it configures ({@code selector}, matched against pod labels
 * in any namespace, Istio's default) and the {@code servers} they open: a port and the hosts served on it.
 * A host may carry a namespace ({@code ns/host}; {@code *} any, {@code .} the Gateway's own) that limits which
 * VirtualServices may bind to it (Istio reference, "Gateway", Server.hosts).
 */
public record Gateway(Document document, String name, String namespace, Map<String, String> selector, List<Server> servers) {

    /** One server: the port number (the gateway Service's port), its name and protocol, and the hosts it serves. */
    public record Server(int port, String portName, String protocol, List<String> hosts) {
        static Server read(Field f) {
            Field port = f.required("port");
            List<String> hosts = f.list("hosts", Field::text);
            if (hosts.isEmpty()) throw f.get("hosts").error("server config must contain at least one host");
            return new Server((int) port.required("number").integer(), port.optText("name").orElse(""),
                    port.optText("protocol").orElse("HTTP").toUpperCase(Locale.ROOT), hosts);
        }
    }

    public static Gateway read(Document doc, String defaultNamespace) {
        Field spec = doc.root().required("spec");
        List<Server> servers = spec.list("servers", Server::read);
        // istiod's validating webhook (pilot/pkg/config/validation: ValidateGateway), in its words
        if (servers.isEmpty()) throw spec.get("servers").error("gateway must have at least one server");
        return new Gateway(doc, doc.name(), doc.namespaceOr(defaultNamespace), spec.stringMap("selector"), servers);
    }

    /** Whether the gateway configures a pod with these labels. */
    public boolean selects(Map<String, String> podLabels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }

    /** "namespace/name", as a VirtualService names a Gateway of another namespace. */
    public String qualifiedName() { return namespace + "/" + name; }
}
