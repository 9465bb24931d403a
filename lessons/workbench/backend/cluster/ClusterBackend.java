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

    @Override public final void runPods(List<Document> podsAndServices) { mesh.barePods().run(podsAndServices); }

    @Override public final void deletePods(List<Document> pods) { mesh.barePods().delete(pods); }

    @Override public final java.util.Optional<com.fasterxml.jackson.databind.JsonNode> podObject(String name) {
        return mesh.barePods().object(name);
    }

    @Override public final String exec(String pod, String container, List<String> command) {
        return mesh.barePods().exec(pod, container, command);
    }

    @Override public final String fortioCurl(String url) { return mesh.fortioCurl(url); }

    @Override public final String podMetrics(String pod) { return mesh.podMetrics(pod); }

    @Override public final PageClient.Page fortioFetch(String url) { return mesh.fortioFetch(url); }

    @Override public final String fortioLoad(workbench.fortio.Load load) { return mesh.fortioLoad(load); }

    @Override public final String proxyStats(String deployment) { return mesh.proxyStats(deployment); }

    @Override public final List<String> proxyAccessLog(String deployment) { return mesh.proxyAccessLog(deployment); }

    @Override public final java.net.URI ingressGateway() { return mesh.ingressGateway(); }

    /** {@code pilot-agent request GET stats/prometheus} asks Envoy's admin port: Envoy's own stats, as :15090 serves them. */
    @Override public final String envoyPrometheus(String pod) { return mesh.podMetrics(pod); }

    private workbench.backend.Addons addons;

    /**
     * Istio's addons: {@link #installAddons()} first (a cluster the workbench owns installs them there), then the mesh finds
     * them in istio-system, waits until they are ready and port-forwards Prometheus and Jaeger's query service. The lines
     * observed are what was applied (if anything), then each addon as found.
     */
    @Override public final synchronized workbench.backend.Addons addons() {
        if (addons == null) {
            List<String> applied = installAddons();
            workbench.backend.Addons found = mesh.addons();
            List<String> observed = new java.util.ArrayList<>(applied.stream().map(line -> "applied " + line).toList());
            observed.addAll(found.observed());
            addons = new workbench.backend.Addons(found.prometheusApi(), found.jaegerApi(), found.scrapeInterval(), observed);
        }
        return addons;
    }

    /**
     * Installs Istio's addons where the workbench owns the cluster and returns what it applied, one line per object; on the
     * user's cluster it installs nothing (the default).
     */
    protected List<String> installAddons() { return List.of(); }

    @Override public final PageClient productPage() { return mesh.productPage(); }

    @Override public final PageClient productPageFromFortio() { return mesh.productPageFromFortio(); }
}
