package workbench.backend.k3s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import workbench.backend.BackendException;
import workbench.backend.cluster.Applier;

/**
 * Installs Istio's addons ({@link AddonCharts}) into the k3s the workbench owns: Jaeger's objects applied server-side, then
 * the Prometheus and Kiali charts through the Helm controller, each waited for until its install Job succeeded. Whether
 * the Deployments become ready is waited for where the lesson reaches them (ClusterMesh.addons), as on any cluster.
 */
final class AddonInstaller {
    private final KubernetesClient client;
    private final HelmController helm;

    AddonInstaller(KubernetesClient client, HelmController helm) {
        this.client = client;
        this.helm = helm;
    }

    /** What was applied, one line each ("HelmChart kube-system/prometheus: chart prometheus 27.37.0 from ..."). */
    List<String> install() {
        List<String> applied = new ArrayList<>();
        for (ObjectNode o : AddonCharts.jaeger()) {
            String what = o.path("kind").asText() + " " + o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText();
            try {
                client.resource(o.toString()).fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
            } catch (KubernetesClientException e) {
                throw new BackendException("k3s refused " + what + " of Istio's Jaeger addon: " + e.getMessage(), e);
            }
            applied.add(what + (o.path("kind").asText().equals("Deployment") ? ": " + AddonCharts.JAEGER_IMAGE : ""));
        }
        for (ObjectNode chart : List.of(AddonCharts.prometheus(), AddonCharts.kiali())) {
            helm.install(chart);
            applied.add("HelmChart " + HelmController.NAMESPACE + "/" + chart.path("metadata").path("name").asText() + ": chart "
                    + chart.path("spec").path("chart").asText() + " " + chart.path("spec").path("version").asText()
                    + " from " + chart.path("spec").path("repo").asText());
        }
        return applied;
    }
}
