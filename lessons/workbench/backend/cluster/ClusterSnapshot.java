package workbench.backend.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.kube.ServiceSpec;
import workbench.manifest.Document;
import workbench.mesh.KubeService;
import workbench.mesh.MeshConfig;
import workbench.mesh.MeshSnapshot;
import workbench.mesh.Registry;

/**
 * Reads the mesh of one namespace back from the API server: the VirtualServices and DestinationRules as
 * stored (creationTimestamp included), read by the same readers as the manifests; the Services; and the
 * pods that serve traffic (Running, Ready, not terminating), with their labels and whether they carry an
 * istio-proxy. Pods have no address: on a cluster nobody dials them from here.
 */
public final class ClusterSnapshot {
    static final String ISTIO_API = "networking.istio.io/v1";
    /** Where the documents came from, for the rare message about one of them. */
    static final Path SOURCE = Path.of("api-server");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The order istiod considers configs in (pilot/pkg/model/config.go, sortConfigByCreationTime): oldest
     * creationTimestamp first, then name, then namespace. RFC 3339 timestamps in UTC compare as text.
     */
    static final Comparator<Document> ISTIOD_ORDER = Comparator
            .comparing((Document d) -> d.body().path("metadata").path("creationTimestamp").asText(""))
            .thenComparing(Document::name)
            .thenComparing(d -> d.namespaceOr(""));

    private ClusterSnapshot() {}

    public static MeshSnapshot read(KubernetesClient client, String namespace) {
        List<VirtualService> virtualServices = istioDocuments(client, namespace, "VirtualService").stream()
                .map(d -> VirtualService.read(d, namespace)).toList();
        List<DestinationRule> destinationRules = istioDocuments(client, namespace, "DestinationRule").stream()
                .map(d -> DestinationRule.read(d, namespace)).toList();
        List<workbench.istio.Gateway> gateways = istioDocuments(client, namespace, "Gateway").stream()
                .map(d -> workbench.istio.Gateway.read(d, namespace)).toList();

        Registry registry = new Registry();
        Namespace ns = client.namespaces().withName(namespace).get();
        if (ns != null && ns.getMetadata().getLabels() != null) {
            ns.getMetadata().getLabels().forEach((k, v) -> registry.labelNamespace(namespace, k, v));
        }
        for (Service s : client.services().inNamespace(namespace).list().getItems()) {
            if (s.getSpec() == null || s.getSpec().getPorts() == null || s.getSpec().getPorts().isEmpty()) continue; // nothing to route to
            registry.add(service(client, s, namespace));
        }
        for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
            if (servesTraffic(p)) registry.add(pod(p, namespace));
        }
        return new MeshSnapshot(new MeshConfig(virtualServices, destinationRules), registry, gateways);
    }

    /** The Istio objects of one kind in the namespace, as documents of the server's JSON, in istiod's order. */
    static List<Document> istioDocuments(KubernetesClient client, String namespace, String kind) {
        List<Document> out = new ArrayList<>();
        for (HasMetadata r : client.genericKubernetesResources(ISTIO_API, kind).inNamespace(namespace).list().getItems()) {
            out.add(new Document(SOURCE, out.size() + 1, json(client, r)));
        }
        out.sort(ISTIOD_ORDER);
        return out;
    }

    private static KubeService service(KubernetesClient client, Service s, String namespace) {
        return ServiceSpec.read(new Document(SOURCE, 1, json(client, s)), namespace);
    }

    static workbench.mesh.Pod pod(Pod p, String namespace) {
        Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(p.getMetadata().getLabels());
        return new workbench.mesh.Pod(p.getMetadata().getName(), namespace, labels, null, Readiness.hasProxy(p));
    }

    /** What an EndpointSlice counts as a ready endpoint: Running, condition Ready true, not terminating. */
    static boolean servesTraffic(Pod p) {
        if (Readiness.isTerminating(p) || p.getStatus() == null || !"Running".equals(p.getStatus().getPhase())) return false;
        return p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static JsonNode json(KubernetesClient client, Object resource) {
        try {
            return JSON.readTree(client.getKubernetesSerialization().asJson(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
