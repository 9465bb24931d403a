package workbench.backend;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import workbench.manifest.Document;

/**
 * Where a lesson runs: the embedded mesh, a throwaway k3s, or the user's own cluster. Every backend
 * passes the same lesson, so nothing above this interface knows which one ran.
 */
public interface Backend extends AutoCloseable {

    /** "embedded", "k3s" or "kubeconfig". */
    String name();

    /**
     * What this run ran on, for the article's run stamp (versions, seed, phase times), in display order. Keys are
     * short English names that the stamp labels in the reader's language (lesson/RunStamp); values are data, not prose.
     */
    LinkedHashMap<String, String> stamp();

    /** When {@code --backend auto} runs on this backend instead of k3s: why, in one line as observed; empty otherwise. */
    default Optional<String> fallbackReason() { return Optional.empty(); }

    /** The namespace lessons deploy into. */
    String namespace();

    /**
     * Refuses, before anything is deployed, documents this backend could never run (the embedded mesh
     * runs only the images it emulates). Throws a ManifestException naming the field.
     */
    default void admit(List<Document> documents) {}

    /** {@code kubectl label namespace NS istio-injection=enabled}: pods created from now on get a sidecar. */
    void enableInjection();

    /** The lesson namespace's labels, as {@code kubectl get namespace NS --show-labels} shows them. */
    java.util.Map<String, String> namespaceLabels();

    /** Deploys the workloads into the namespace and waits until every pod is ready. */
    void deploy(List<Document> workloads);

    /** The pods in the lesson's namespace, as {@code kubectl get pods} lists them. */
    List<PodStatus> pods();

    /** Applies configuration and returns once it is in effect: kubectl's verb per document, and how long that took. */
    Applied apply(List<Document> config);

    /**
     * The Istio configuration in force and the pods and services behind it, as the control plane sees them now.
     * Real clusters read it back from the API server (VirtualServices and DestinationRules with their
     * creationTimestamp, Services, Pods with labels and whether they carry an istio-proxy).
     */
    workbench.mesh.MeshSnapshot snapshot();

    /**
     * {@code kubectl run} / {@code kubectl expose pod}: creates bare Pods (no Deployment) and Services as written,
     * leaves the namespace's labels as they are (so injection follows them), and waits until every pod is ready.
     */
    void runPods(List<Document> podsAndServices);

    /** {@code kubectl delete pod NAME}: deletes the pods and returns once they are gone, so the names can be reused. */
    void deletePods(List<Document> pods);

    /** The pod as {@code kubectl get pod NAME -o json} prints it (spec after admission, status); empty when none. */
    Optional<com.fasterxml.jackson.databind.JsonNode> podObject(String name);

    /** What {@code kubectl exec POD -c CONTAINER -- COMMAND...} prints on stdout. */
    String exec(String pod, String container, List<String> command);

    /** Deletes the objects named by {@code docs}; objects already gone are fine. */
    void delete(List<Document> docs);

    /** Which of the objects named by {@code docs} still exist, as "Kind/name". */
    List<String> existing(List<Document> docs);

    /**
     * The pod's Istio metrics in Prometheus text format, as its merged-metrics endpoint {@code :15020/stats/prometheus}
     * serves them ({@code istio_requests_total}, {@code istio_request_duration_milliseconds}, ...). The pod must
     * have an istio-proxy.
     */
    String podMetrics(String pod);

    /**
     * What Envoy itself serves on the pod's {@code :15090/stats/prometheus}: its own stats, among them the istio_* series
     * Istio's stats filter records. (The agent's {@code :15020} merges these with its own and the application's.)
     */
    String envoyPrometheus(String pod);

    /**
     * Istio's Prometheus, Kiali and Jaeger addons, ready to query ({@code kubectl apply -f samples/addons/...} in the series).
     * A cluster the workbench owns (k3s) gets them installed on the first call; on the user's cluster nothing is installed,
     * and missing ones are an error naming them and the command that installs them; the embedded mesh answers the APIs'
     * subset itself. Later calls return the same addons (port-forwards stay open until {@link #close()}).
     */
    Addons addons();

    /** The body that {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio curl -quiet URL} prints. */
    String fortioCurl(String url);

    /**
     * {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio curl URL}: the status fortio reports (0 when
     * no response came back) and the body.
     */
    PageClient.Page fortioFetch(String url);

    /**
     * What {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio load ARGS} prints (fortio's summary; read it
     * with {@link workbench.fortio.LoadReport#parse}).
     */
    String fortioLoad(workbench.fortio.Load load);

    /**
     * What {@code kubectl exec deploy/DEPLOYMENT -c istio-proxy -- pilot-agent request GET stats} prints: the
     * sidecar's Envoy stats, one {@code name: value} per line.
     */
    String proxyStats(String deployment);

    /** The access-log lines of {@code kubectl logs deploy/DEPLOYMENT -c istio-proxy} (Istio's default text format). */
    List<String> proxyAccessLog(String deployment);

    /**
     * The ingress gateway as the reader reaches it from their own machine: {@code kubectl port-forward -n istio-system
     * svc/istio-ingressgateway 8080:80} (another local port when 8080 is taken). Returns the local base URL, e.g.
     * {@code http://localhost:8080}; the forward lasts until the backend closes.
     */
    java.net.URI ingressGateway();

    /** A client inside the mesh whose requests to productpage pass through a caller-side sidecar. */
    PageClient productPage();

    /**
     * {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio curl [-H 'K: V'] http://productpage:9080PATH}: pages the
     * fortio pod requests, so each leaves through fortio's sidecar and every hop, the first one included, shows in the
     * mesh's metrics and traces (lesson 02's graph and trace start at fortio). {@link #productPage()} may enter productpage
     * by a shorter way (on clusters, a port-forward into its pod).
     */
    PageClient productPageFromFortio();

    /** How a learner reaches productpage from a browser while the backend is kept running. */
    Optional<String> browserHint();

    @Override
    void close();
}
