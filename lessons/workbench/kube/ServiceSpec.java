package workbench.kube;

import java.util.List;
import workbench.manifest.Document;
import workbench.manifest.Field;
import workbench.mesh.KubeService;

/** Reads a Kubernetes Service manifest into the mesh's view of it (its first port, its selector). */
public final class ServiceSpec {
    private ServiceSpec() {}

    public static KubeService read(Document doc, String defaultNamespace) {
        Field spec = doc.root().required("spec");
        List<Field> ports = spec.list("ports");
        if (ports.isEmpty()) throw spec.get("ports").error("must list at least one port");
        int port = (int) ports.get(0).required("port").integer();
        return new KubeService(doc.name(), doc.namespaceOr(defaultNamespace), port, spec.stringMap("selector"));
    }
}
