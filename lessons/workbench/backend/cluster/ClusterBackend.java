package workbench.backend.cluster;

import java.time.Duration;
import java.util.List;
import workbench.backend.Backend;
import workbench.backend.PageClient;
import workbench.backend.PodStatus;
import workbench.manifest.Document;

/**
 * What every real-cluster backend does the same way: the lesson's operations go to a {@link ClusterMesh}.
 * Subclasses say how the cluster was reached (name, stamp, browser hint) and how to let go of it.
 */
public abstract class ClusterBackend implements Backend {
    protected final ClusterMesh mesh;

    protected ClusterBackend(ClusterMesh mesh) { this.mesh = mesh; }

    @Override public final String namespace() { return mesh.namespace(); }

    @Override public final void enableInjection() { mesh.ensureNamespace(); }

    @Override public final java.util.Map<String, String> namespaceLabels() { return mesh.namespaceLabels(); }

    @Override public final void deploy(List<Document> workloads) { mesh.deploy(workloads); }

    @Override public final List<PodStatus> pods() { return mesh.pods(); }

    @Override public final workbench.backend.Applied apply(List<Document> config) { return mesh.apply(config); }

    @Override public final workbench.mesh.MeshSnapshot snapshot() { return mesh.snapshot(); }

    @Override public final void delete(List<Document> docs) { mesh.delete(docs); }

    @Override public final List<String> existing(List<Document> docs) { return mesh.existing(docs); }

    @Override public final String fortioCurl(String url) { return mesh.fortioCurl(url); }

    @Override public final String podMetrics(String pod) { return mesh.podMetrics(pod); }

    @Override public final PageClient productPage() { return mesh.productPage(); }
}
