package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import workbench.backend.Applied;
import workbench.backend.BackendException;
import workbench.backend.PageClient;
import workbench.backend.PodStatus;
import workbench.manifest.Document;

/**
 * The lesson operations of a real cluster with Istio, shared by the k3s and kubeconfig backends:
 * deploy and wait for sidecar-injected pods, apply Istio config and wait until the sidecars show it,
 * delete, and send traffic from inside the mesh (fortio exec, productpage port-forward).
 */
public final class ClusterMesh implements AutoCloseable {
    static final Duration NAMESPACE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration FORTIO_TIMEOUT = Duration.ofSeconds(60);
    /** Pods end within their 30 s grace period; anything listed after twice that is held by something else. */
    static final Duration DELETE_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final NamespacePolicy policy;
    private final Waiter waiter;
    private final PhaseClock clock;
    private final Duration deployTimeout;
    private final Applier applier;
    private final PodExec exec;
    private final Map<String, Document> applied = new LinkedHashMap<>();
    private PortForwardPageClient pageClient;

    public ClusterMesh(KubernetesClient client, NamespacePolicy policy, Waiter waiter, PhaseClock clock, Duration deployTimeout) {
        this.client = client;
        this.policy = policy;
        this.waiter = waiter;
        this.clock = clock;
        this.deployTimeout = deployTimeout;
        this.applier = new Applier(client, policy);
        this.exec = new PodExec(client);
        this.forwards = new ServiceForwards(client);
    }

    public String namespace() { return policy.namespace(); }

    /** What this cluster's backend waited for and how long, for the run stamp. */
    public Map<String, String> waitedEntries() { return waiter.stampEntries(); }

    public Map<String, String> namespaceLabels() {
        Namespace ns = client.namespaces().withName(namespace()).get();
        return ns == null || ns.getMetadata().getLabels() == null ? Map.of() : Map.copyOf(ns.getMetadata().getLabels());
    }

    /** The Istio config, services and pods of the namespace, read back from the API server. */
    public workbench.mesh.MeshSnapshot snapshot() { return ClusterSnapshot.read(client, namespace()); }

    public KubernetesClient client() { return client; }

    /** Bare pods in this mesh's namespace, created and deleted under the same policy as everything else. */
    public BarePods barePods() { return new BarePods(client, applier, namespace()); }

    /**
     * Makes sure the namespace exists, leaving its labels alone: where a run starts. Injection is a lesson's step
     * ({@link #ensureNamespace()}), so a lesson can show pods created before the label (lesson 01).
     */
    public void ensureNamespaceExists() {
        String ns = namespace();
        if (client.namespaces().withName(ns).get() != null) return;
        if (!policy.ownedCluster() && !policy.namespaceCreated()) {
            throw new BackendException("namespace " + ns + " does not exist (any more); rerun without --namespace to get a fresh one");
        }
        Namespace wanted = new NamespaceBuilder().withNewMetadata().withName(ns)
                .addToLabels(NamespacePolicy.MANAGED_BY_LABEL, NamespacePolicy.MANAGED_BY)
                .endMetadata().build();
        client.namespaces().resource(wanted).fieldManager(Applier.FIELD_MANAGER).forceConflicts().serverSideApply();
    }

    /**
     * Makes sure the namespace exists with {@code istio-injection=enabled}. On a cluster the workbench owns
     * it creates or labels it; on the user's cluster it only checks, since it never changes what it did not create.
     */
    public void ensureNamespace() {
        String ns = namespace();
        Namespace current = client.namespaces().withName(ns).get();
        if (policy.ownedCluster() || policy.namespaceCreated()) {
            if (current == null) {
                client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                        .addToLabels(Readiness.INJECTION_LABEL, "enabled")
                        .addToLabels(NamespacePolicy.MANAGED_BY_LABEL, NamespacePolicy.MANAGED_BY)
                        .endMetadata().build()).create();
            } else if (!Readiness.injectionEnabled(current)) {
                // only the injection label: the rest of a namespace that was already there stays as it was
                client.namespaces().withName(ns).patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"labels\":{\"" + Readiness.INJECTION_LABEL + "\":\"enabled\"}}}");
            }
        } else if (current == null) {
            throw new BackendException("namespace " + ns + " does not exist (any more); rerun without --namespace to get a fresh one");
        } else if (!Readiness.injectionEnabled(current)) {
            throw new BackendException("namespace " + ns + " is not labelled " + Readiness.INJECTION_LABEL
                    + "=enabled, so its pods would get no sidecar. The workbench does not change a namespace it did not create: run "
                    + "`kubectl label namespace " + ns + " " + Readiness.INJECTION_LABEL + "=enabled` yourself, or omit --namespace.");
        }
        waiter.until(new Waiter.Wait("namespace " + ns + " to be labelled " + Readiness.INJECTION_LABEL + "=enabled",
                NAMESPACE_TIMEOUT,
                () -> Readiness.injectionEnabled(client.namespaces().withName(ns).get()) ? Optional.empty()
                        : Optional.of("label not visible yet"),
                "check that you may create and label namespaces (`kubectl auth can-i patch namespaces`).",
                null));
    }

    public void deploy(List<Document> workloads) {
        clock.time("deploy", () -> {
            ensureNamespace();
            for (Document doc : workloads) applyOne(doc);
            awaitWorkloads(workloads);
        });
    }

    private String applyOne(Document doc) {
        if (doc.kind().equals("Namespace") && doc.name().equals(namespace())) return Applied.UNCHANGED; // ensureNamespace made it
        String verb = applier.apply(doc);
        applied.put(doc.kind() + "/" + doc.name(), doc);
        return verb;
    }

    private void awaitWorkloads(List<Document> docs) {
        String ns = namespace();
        List<String> deployments = docs.stream().filter(d -> d.kind().equals("Deployment")).map(Document::name).toList();
        if (deployments.isEmpty()) return;
        waiter.until(new Waiter.Wait(
                "Deployments " + String.join(", ", deployments) + " in namespace " + ns
                        + " to roll out, with every pod Running and its " + Readiness.PROXY + " sidecar ready",
                deployTimeout,
                () -> {
                    List<String> pending = new ArrayList<>();
                    for (String name : deployments) {
                        Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
                        if (d == null) pending.add("Deployment " + name + ": not found");
                        else Readiness.deploymentPending(d).ifPresent(pending::add);
                    }
                    for (Pod pod : client.pods().inNamespace(ns).list().getItems()) {
                        if (Readiness.isTerminating(pod)) continue;
                        PodProblems.hopeless(pod).ifPresent(reason -> { throw new BackendException(reason); });
                        Readiness.podPending(pod).ifPresent(pending::add);
                    }
                    return pending.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", pending));
                },
                "the first run pulls the Bookinfo and Istio proxy images (about 1 GB; the three reviews images are the largest), "
                        + "so on a slow network give it time and use --reuse afterwards. In the events below look for "
                        + "ImagePullBackOff (network or registry), FailedScheduling with Insufficient memory/cpu (give Docker more), "
                        + "or CrashLoopBackOff (see the log lines).",
                () -> Diagnostics.gather(client, ns, p -> Readiness.podPending(p).isPresent())));
    }

    public List<PodStatus> pods() {
        return client.pods().inNamespace(namespace()).list().getItems().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(Readiness::status).toList();
    }

    /** Applies the documents and returns once every sidecar shows the Istio config (and new workloads are ready). */
    public Applied apply(List<Document> config) {
        long start = System.nanoTime();
        ensureNamespace();
        List<String> verbs = new ArrayList<>();
        for (Document doc : config) verbs.add(applyOne(doc));
        awaitWorkloads(config);
        List<Document> istio = config.stream()
                .filter(d -> d.kind().equals("VirtualService") || d.kind().equals("DestinationRule")).toList();
        if (!istio.isEmpty()) new ConfigPropagation(client, namespace(), exec, waiter).await(istio);
        return new Applied(Duration.ofNanos(System.nanoTime() - start), verbs);
    }

    /**
     * Deletes the objects and waits, up to {@link #DELETE_TIMEOUT}, until the API server no longer lists them
     * (a delete only starts termination: finalizers and graceful shutdown come first). What is still there
     * afterwards is what {@link #existing} reports, so the lesson's cleanup check names it.
     */
    public void delete(List<Document> docs) {
        for (Document doc : docs) {
            applier.delete(doc);
            applied.remove(doc.kind() + "/" + doc.name());
        }
        try {
            waiter.until(new Waiter.Wait("the deleted objects to be gone from namespace " + namespace(), DELETE_TIMEOUT,
                    () -> {
                        List<String> left = existing(docs);
                        return left.isEmpty() ? Optional.empty() : Optional.of("still listed: " + String.join(", ", left));
                    },
                    "an object held by a finalizer stays until its controller lets go: `kubectl get <kind> <name> -o yaml` shows "
                            + "metadata.finalizers.",
                    null));
        } catch (BackendException stillThere) {
            // not an error of the run: the caller asks existing() and reports by name what did not go
        }
    }

    public List<String> existing(List<Document> docs) {
        return docs.stream().filter(applier::exists).map(d -> d.kind() + "/" + d.name()).toList();
    }

    /** What {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio curl -quiet URL} prints on stdout. */
    public String fortioCurl(String url) {
        PodExec.Result r = exec.run(namespace(), runningPod("fortio-deploy"), "fortio", FORTIO_TIMEOUT,
                "fortio", "curl", "-quiet", url);
        return FortioOutput.parse(r.stdout(), r.stderr()).body();
    }

    /**
     * {@code kubectl exec POD -c istio-proxy -- pilot-agent request GET stats/prometheus}: the sidecar's Envoy stats,
     * which hold the istio_* series, read through the agent (the proxy image need not have curl).
     */
    public String podMetrics(String pod) {
        PodExec.Result r = exec.run(namespace(), pod, "istio-proxy", FORTIO_TIMEOUT, "pilot-agent", "request", "GET", "stats/prometheus");
        if (r.exitCode() != 0) throw new BackendException("could not read the metrics of pod " + pod + ": " + r.stderr().strip());
        return r.stdoutText();
    }

    /** {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio curl URL}: the status line fortio printed and the body. */
    public PageClient.Page fortioFetch(String url) { return fortioFetch(url, Map.of()); }

    private PageClient.Page fortioFetch(String url, Map<String, String> headers) {
        PodExec.Result r = exec.run(namespace(), runningPod("fortio-deploy"), "fortio", FORTIO_TIMEOUT,
                fortioCurl(url, headers).toArray(String[]::new));
        FortioOutput.Response response = FortioOutput.parse(r.stdout(), r.stderr());
        return new PageClient.Page(response.status().orElse(0), response.body());
    }

    /** {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio load ...}: fortio writes its summary on stdout. */
    public String fortioLoad(workbench.fortio.Load load) {
        Duration limit = FORTIO_TIMEOUT.plus(load.duration());
        PodExec.Result r = exec.run(namespace(), runningPod("fortio-deploy"), "fortio", limit, load.command().toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new BackendException("`" + String.join(" ", load.command()) + "` exited with " + r.exitCode() + ": " + r.stderr().strip());
        }
        return r.stdoutText();
    }

    /**
     * Pages fetched by {@code kubectl exec deploy/fortio-deploy -c fortio -- fortio curl -H 'K: V' ... http://productpage:9080PATH}:
     * each leaves through fortio's sidecar, as a reader's request from inside the mesh does. A page fortio got no
     * response for has status 0.
     */
    public PageClient productPageFromFortio() { return (path, headers) -> fortioFetch(PRODUCTPAGE_BASE + path, headers); }

    static final String PRODUCTPAGE_BASE = "http://productpage:9080";

    /** {@code fortio curl -H 'K: V' ... URL}, one -H per header. */
    static List<String> fortioCurl(String url, Map<String, String> headers) {
        List<String> command = new ArrayList<>(List.of("fortio", "curl"));
        headers.forEach((k, v) -> command.addAll(List.of("-H", k + ": " + v)));
        command.add(url);
        return command;
    }

    /** {@code kubectl exec deploy/D -c istio-proxy -- pilot-agent request GET stats}. */
    public String proxyStats(String deployment) {
        PodExec.Result r = exec.run(namespace(), runningPod(deployment), Readiness.PROXY, FORTIO_TIMEOUT,
                "pilot-agent", "request", "GET", "stats");
        return r.stdoutText();
    }

    /**
     * The access-log lines in {@code kubectl logs deploy/D -c istio-proxy}. Istio writes them only with
     * meshConfig.accessLogFile set (/dev/stdout); without it the list is empty.
     */
    public List<String> proxyAccessLog(String deployment) {
        String log = client.pods().inNamespace(namespace()).withName(runningPod(deployment)).inContainer(Readiness.PROXY).getLog();
        return log == null ? List.of() : log.lines().filter(l -> workbench.mesh.AccessLog.parse(l).isPresent()).toList();
    }

    static final String GATEWAY_NAMESPACE = "istio-system";
    static final String GATEWAY_SERVICE = "istio-ingressgateway";
    private final ServiceForwards forwards;

    /**
     * {@code kubectl port-forward -n istio-system svc/istio-ingressgateway 8080:80} (a free port when 8080 is taken).
     * The workbench never installs a gateway on the user's cluster: one that is missing is an error saying so.
     */
    public java.net.URI ingressGateway() {
        if (client.services().inNamespace(GATEWAY_NAMESPACE).withName(GATEWAY_SERVICE).get() == null) {
            throw new BackendException("no ingress gateway: Service " + GATEWAY_SERVICE + " in namespace " + GATEWAY_NAMESPACE
                    + " does not exist. Install one (Istio's `gateway` Helm chart: helm install " + GATEWAY_SERVICE
                    + " istio/gateway -n " + GATEWAY_NAMESPACE + ") and run the lesson again.");
        }
        return java.net.URI.create("http://localhost:" + forwards.localPort(GATEWAY_NAMESPACE, GATEWAY_SERVICE, 80, 8080));
    }

    /**
     * Istio's addons in istio-system, as {@link IstioAddons} finds them: missing ones are an error naming them and the
     * command that installs them (nothing is installed here); present ones are waited for until ready, then Prometheus
     * and Jaeger's query service are port-forwarded (once: {@link ServiceForwards} keeps them), on 9090 and 16686 when free
     * (the series' ports). Called once per backend ({@link ClusterBackend#addons()} keeps the result).
     */
    public workbench.backend.Addons addons() {
        IstioAddons found = new IstioAddons(client);
        found.missing().ifPresent(problem -> { throw new BackendException(problem); });
        found.awaitReady(waiter);
        int prometheus = forwards.localPort(IstioAddons.NAMESPACE, IstioAddons.PROMETHEUS_SERVICE, IstioAddons.PROMETHEUS_PORT,
                IstioAddons.PROMETHEUS_PORT);
        int jaeger = forwards.localPort(IstioAddons.NAMESPACE, IstioAddons.JAEGER_QUERY_SERVICE, IstioAddons.JAEGER_QUERY_PORT,
                IstioAddons.JAEGER_LOCAL_PORT);
        return new workbench.backend.Addons("http://127.0.0.1:" + prometheus,
                "http://127.0.0.1:" + jaeger + found.jaegerBasePath(), found.scrapeInterval(), found.observed());
    }

    /** A running pod of Deployment {@code deployment} (matched by its selector labels), as {@code deploy/NAME} picks one. */
    private String runningPod(String deployment) {
        Deployment d = client.apps().deployments().inNamespace(namespace()).withName(deployment).get();
        if (d == null || d.getSpec().getSelector() == null || d.getSpec().getSelector().getMatchLabels() == null) {
            throw new BackendException("no Deployment " + deployment + " in namespace " + namespace() + "; deploy its manifest first");
        }
        return client.pods().inNamespace(namespace()).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems().stream()
                .filter(p -> !Readiness.isTerminating(p) && "Running".equals(p.getStatus().getPhase()))
                .map(p -> p.getMetadata().getName())
                .findFirst()
                .orElseThrow(() -> new BackendException("no pod of Deployment " + deployment + " is running in namespace " + namespace()));
    }

    /** A client whose requests reach productpage through a port-forward; its calls onwards pass its sidecar. */
    public synchronized PageClient productPage() {
        if (pageClient == null) pageClient = PortForwardPageClient.toProductPage(client, namespace());
        return pageClient;
    }

    /**
     * On the user's cluster: deletes the namespace when this run created it, else what this run created in it,
     * unless {@code keep}. On a cluster the workbench owns nothing is deleted here (the cluster goes as a whole).
     */
    public void deleteCreated(boolean keep) {
        if (keep || policy.ownedCluster()) return;
        if (policy.mayDeleteNamespace(false)) {
            client.namespaces().withName(namespace()).delete();
            return;
        }
        for (String key : policy.createdNewestFirst()) {
            Document doc = applied.get(key);
            if (doc != null) applier.delete(doc);
        }
    }

    @Override
    public synchronized void close() {
        forwards.close();
        if (pageClient != null) pageClient.close();
        pageClient = null;
    }
}
