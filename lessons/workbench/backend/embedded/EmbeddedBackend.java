package workbench.backend.embedded;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import workbench.backend.Applied;
import workbench.backend.Backend;
import workbench.backend.BackendException;
import workbench.backend.PageClient;
import workbench.bookinfo.App;
import workbench.bookinfo.PodServer;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.kube.PodNames;
import workbench.kube.ServiceSpec;
import workbench.kube.Workload;
import workbench.manifest.Document;
import workbench.mesh.KubeService;
import workbench.mesh.Mesh;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Pod;
import workbench.mesh.Outbound;
import workbench.mesh.SidecarInjector;

/**
 * The mesh inside the JVM: every pod of the manifests is a real HTTP server on loopback, and every call
 * between them goes through the caller's emulated sidecar. Configuration takes effect at once.
 */
public final class EmbeddedBackend implements Backend {
    public static final String ISTIO_VERSION = "1.28";
    public static final String BOOKINFO_VERSION = "1.20.3";

    private final Mesh mesh;
    private final String namespace;
    private final SplittableRandom names;
    private final Map<String, List<Running>> podsByDeployment = new LinkedHashMap<>();
    private final Map<String, KubeService> services = new LinkedHashMap<>();
    private final Map<String, BarePod> barePods = new LinkedHashMap<>();
    private AddonApis addonApis;
    private final String fallbackReason;

    private record Running(Pod pod, PodServer server, MetricsEndpoint metrics) {}

    /** The istio-ingressgateway pod, started when the reader first reaches for it. */
    private Running ingressGateway;
    /** A pod made by {@code kubectl run}: running, and its object as the API server holds it after admission. */
    private record BarePod(Running running, ObjectNode object) {}

    public EmbeddedBackend(long seed, String namespace) { this(seed, namespace, null); }

    /** @param fallbackReason why {@code --backend auto} runs here instead of on k3s (see {@link Backend#fallbackReason()}); null when asked for */
    public EmbeddedBackend(long seed, String namespace, String fallbackReason) {
        this.mesh = new Mesh(seed);
        this.namespace = namespace;
        this.names = new SplittableRandom(seed);
        this.fallbackReason = fallbackReason;
    }

    @Override public Optional<String> fallbackReason() { return Optional.ofNullable(fallbackReason); }

    public Mesh mesh() { return mesh; }

    @Override public String name() { return "embedded"; }

    @Override public String namespace() { return namespace; }

    @Override
    public LinkedHashMap<String, String> stamp() {
        LinkedHashMap<String, String> s = new LinkedHashMap<>();
        s.put("emulates", "Istio " + ISTIO_VERSION + " + Envoy, Bookinfo " + BOOKINFO_VERSION);
        s.put("seed", Long.toString(mesh.seed()));
        // no Zipkin collector here: the mesh keeps the spans itself and serves them through its Jaeger API subset
        s.put("tracing", "sampling " + workbench.istio.WorkbenchMeshConfig.samplingPercent() + "%, spans kept by the mesh");
        return s;
    }

    @Override
    public void enableInjection() {
        mesh.registry().labelNamespace(namespace, SidecarInjector.NAMESPACE_LABEL, "enabled");
    }

    @Override
    public Map<String, String> namespaceLabels() { return mesh.registry().namespaceLabels(namespace); }

    @Override
    public synchronized void deploy(List<Document> workloads) {
        for (Document doc : workloads) {
            switch (doc.kind()) {
                case "Deployment" -> start(Workload.read(doc, namespace));
                case "Service" -> {
                    KubeService service = ServiceSpec.read(doc, namespace);
                    services.put(key(doc), service);
                    mesh.registry().add(service);
                }
                case "ServiceAccount", "Namespace" -> { /* identity only: nothing runs */ }
                default -> throw new BackendException(doc.describe() + ": deploy takes workloads; apply Istio config with apply()");
            }
        }
    }

    @Override
    public void admit(List<Document> documents) {
        for (Document doc : documents) {
            if (doc.kind().equals("Deployment")) refuseUnknownImage(Workload.read(doc, namespace));
            if (doc.kind().equals("Pod")) refuseUnknownPodImage(doc);
        }
    }

    private static void refuseUnknownPodImage(Document doc) {
        JsonNode containers = doc.body().path("spec").path("containers");
        if (containers.size() != 1) {
            throw workbench.manifest.ManifestException.at(doc, "spec.containers",
                    "the embedded mesh runs pods of one container, as `kubectl run` makes them; this one has " + containers.size());
        }
        String image = containers.get(0).path("image").asText("");
        if (!Images.isKnown(image)) {
            throw workbench.manifest.ManifestException.at(doc, "spec.containers[0].image",
                    "the embedded mesh cannot run image '" + image + "'; bare pods may run nginx with a release tag (nginx:1.27.5)"
                            + " or curlimages/curl. Use --backend k3s for other images.");
        }
    }

    private static void refuseUnknownImage(Workload w) {
        if (!Images.isKnown(w.image())) {
            throw workbench.manifest.ManifestException.at(w.document(), w.imagePath(),
                    "the embedded mesh cannot run image '" + w.image() + "'; it runs Bookinfo " + BOOKINFO_VERSION
                            + " (docker.io/istio/examples-bookinfo-*), fortio, httpbin (go-httpbin), nginx with a release tag (nginx:1.27.5)"
                            + " and curlimages/curl, nothing else. Use --backend k3s for other images.");
        }
    }

    private void start(Workload w) {
        refuseUnknownImage(w);
        List<Running> pods = new ArrayList<>();
        // registered before the pods start, so close() stops whatever did start if a later replica fails
        podsByDeployment.put(w.namespace() + "/" + w.name(), pods);
        for (int i = 0; i < w.replicas(); i++) {
            String podName = PodNames.forDeployment(w.name(), w.image() + w.podLabels(), names);
            Optional<App> app = Images.appFor(w.image()).map(factory -> factory.apply(podName));
            boolean injected = SidecarInjector.injects(mesh.registry().namespaceLabels(w.namespace()), w.podLabels());
            Pod unbound = new Pod(podName, w.namespace(), w.podLabels(), null, injected);
            Outbound outbound = mesh.outboundFor(unbound);
            try {
                PodServer server = app.isPresent() ? PodServer.start(app.get(), outbound) : null;
                MetricsEndpoint metrics = injected ? new MetricsEndpoint(() -> mesh.telemetry().of(podName).exposition()) : null;
                Pod pod = new Pod(podName, w.namespace(), w.podLabels(), server == null ? null : server.address(), injected);
                mesh.registry().add(pod);
                pods.add(new Running(pod, server, metrics));
            } catch (IOException e) {
                throw new BackendException("could not open a loopback port for pod " + podName + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void runPods(List<Document> podsAndServices) {
        for (Document doc : podsAndServices) {
            switch (doc.kind()) {
                case "Pod" -> startBare(doc);
                case "Service" -> deploy(List.of(doc));
                default -> throw new BackendException(doc.describe() + ": runPods takes Pods and Services");
            }
        }
    }

    /**
     * Admits the pod as the API server would: the injection webhook decides from the namespace's labels now and the
     * pod's own, and mutates the object; then the pod starts. A name in use is refused, as kubectl run refuses it.
     */
    private void startBare(Document doc) {
        refuseUnknownPodImage(doc);
        String name = doc.name();
        if (barePods.containsKey(name)) throw new BackendException("pods \"" + name + "\" already exists");
        ObjectNode object = doc.body().deepCopy();
        ObjectNode metadata = object.with("metadata");
        metadata.put("namespace", namespace);
        metadata.put("uid", new java.util.UUID(names.nextLong(), names.nextLong()).toString());
        Map<String, String> labels = new LinkedHashMap<>();
        metadata.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        boolean injected = SidecarInjector.injects(mesh.registry().namespaceLabels(namespace), labels);
        if (injected) InjectionTemplate.inject(object);
        object.with("status").put("phase", "Running");

        String image = object.path("spec").path("containers").get(0).path("image").asText();
        Optional<App> app = Images.appFor(image).map(factory -> factory.apply(name));
        Pod unbound = new Pod(name, namespace, labels, null, injected);
        try {
            PodServer server = app.isPresent() ? PodServer.start(app.get(), mesh.outboundFor(unbound)) : null;
            Pod pod = new Pod(name, namespace, labels, server == null ? null : server.address(), injected);
            mesh.registry().add(pod);
            MetricsEndpoint metrics = injected ? new MetricsEndpoint(() -> mesh.telemetry().of(name).exposition()) : null;
            barePods.put(name, new BarePod(new Running(pod, server, metrics), object));
        } catch (IOException e) {
            throw new BackendException("could not open a loopback port for pod " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void deletePods(List<Document> pods) {
        for (Document doc : pods) {
            BarePod gone = barePods.remove(doc.name());
            if (gone != null) stop(gone.running());
        }
    }

    @Override
    public synchronized Optional<JsonNode> podObject(String name) {
        return Optional.ofNullable(barePods.get(name)).map(p -> p.object().deepCopy());
    }

    @Override
    public String exec(String pod, String container, List<String> command) {
        BarePod target;
        synchronized (this) { target = barePods.get(pod); }
        if (target == null) throw new BackendException("pods \"" + pod + "\" not found");
        String image = target.object().path("spec").path("containers").get(0).path("image").asText();
        if (!Curl.isImage(image)) throw new BackendException("the embedded mesh runs commands only in curlimages/curl pods, not in " + image);
        return Curl.run(command, mesh.outboundFor(target.running().pod()));
    }

    @Override
    public synchronized List<workbench.backend.PodStatus> pods() {
        // the app container is ready when its server accepts connections (a client-only pod has nothing to
        // accept); an injected istio-proxy is ready with it, as the emulated sidecar lives in the same JVM
        return java.util.stream.Stream.concat(podsByDeployment.values().stream().flatMap(List::stream),
                barePods.values().stream().map(BarePod::running)).map(r -> {
            boolean ready = r.server() == null || r.server().accepts();
            int containers = r.pod().sidecar() ? 2 : 1;
            return new workbench.backend.PodStatus(r.pod().name(), ready ? containers : 0, containers,
                    ready ? "Running" : "NotReady", r.pod().sidecar());
        }).toList();
    }

    @Override
    public Applied apply(List<Document> config) {
        long start = System.nanoTime();
        List<String> verbs = new ArrayList<>();
        for (Document doc : config) {
            switch (doc.kind()) {
                case "VirtualService" -> {
                    VirtualService vs = VirtualService.read(doc, namespace);
                    verbs.add(verb(mesh.config().virtualServices().stream()
                            .filter(v -> v.namespace().equals(vs.namespace()) && v.name().equals(vs.name()))
                            .map(VirtualService::document).findFirst(), doc));
                    mesh.update(c -> c.with(vs));
                }
                case "DestinationRule" -> {
                    DestinationRule dr = DestinationRule.read(doc, namespace);
                    verbs.add(verb(mesh.config().destinationRules().stream()
                            .filter(d -> d.namespace().equals(dr.namespace()) && d.name().equals(dr.name()))
                            .map(DestinationRule::document).findFirst(), doc));
                    mesh.update(c -> c.with(dr));
                }
                case "Gateway" -> {
                    workbench.istio.Gateway gw = workbench.istio.Gateway.read(doc, namespace);
                    verbs.add(verb(mesh.gateways().stream()
                            .filter(g -> g.namespace().equals(gw.namespace()) && g.name().equals(gw.name()))
                            .map(workbench.istio.Gateway::document).findFirst(), doc));
                    mesh.apply(gw);
                }
                default -> {
                    boolean exists = !existing(List.of(doc)).isEmpty();
                    if (!exists) deploy(List.of(doc));
                    verbs.add(exists ? Applied.UNCHANGED : Applied.CREATED);
                }
            }
        }
        return new Applied(Duration.ofNanos(System.nanoTime() - start), verbs);
    }

    /** kubectl's verb: nothing in force is created; the same spec, labels and annotations are unchanged. */
    private static String verb(Optional<Document> inForce, Document next) {
        if (inForce.isEmpty()) return Applied.CREATED;
        JsonNode before = inForce.get().body();
        JsonNode after = next.body();
        boolean same = before.path("spec").equals(after.path("spec"))
                && before.path("metadata").path("labels").equals(after.path("metadata").path("labels"))
                && before.path("metadata").path("annotations").equals(after.path("metadata").path("annotations"));
        return same ? Applied.UNCHANGED : Applied.CONFIGURED;
    }

    @Override
    public workbench.mesh.MeshSnapshot snapshot() { return new workbench.mesh.MeshSnapshot(mesh.config(), mesh.registry(), mesh.gateways()); }

    @Override
    public synchronized void delete(List<Document> docs) {
        for (Document doc : docs) {
            String ns = doc.namespaceOr(namespace);
            switch (doc.kind()) {
                case "VirtualService" -> mesh.update(c -> c.withoutVirtualService(ns, doc.name()));
                case "DestinationRule" -> mesh.update(c -> c.withoutDestinationRule(ns, doc.name()));
                case "Gateway" -> mesh.deleteGateway(ns, doc.name());
                case "Deployment" -> {
                    for (Running r : podsByDeployment.getOrDefault(ns + "/" + doc.name(), List.of())) stop(r);
                    podsByDeployment.remove(ns + "/" + doc.name());
                }
                case "Service" -> {
                    KubeService s = services.remove(key(doc));
                    if (s != null) mesh.registry().removeService(s);
                }
                case "Pod" -> deletePods(List.of(doc));
                default -> { }
            }
        }
    }

    @Override
    public synchronized List<String> existing(List<Document> docs) {
        List<String> found = new ArrayList<>();
        for (Document doc : docs) {
            String ns = doc.namespaceOr(namespace);
            boolean exists = switch (doc.kind()) {
                case "VirtualService" -> mesh.config().virtualServices().stream()
                        .anyMatch(v -> v.name().equals(doc.name()) && v.namespace().equals(ns));
                case "DestinationRule" -> mesh.config().destinationRules().stream()
                        .anyMatch(d -> d.name().equals(doc.name()) && d.namespace().equals(ns));
                case "Deployment" -> podsByDeployment.containsKey(ns + "/" + doc.name());
                case "Service" -> services.containsKey(key(doc));
                case "Gateway" -> mesh.gateways().stream().anyMatch(g -> g.name().equals(doc.name()) && g.namespace().equals(ns));
                case "Pod" -> barePods.containsKey(doc.name());
                default -> false;
            };
            if (exists) found.add(doc.kind() + "/" + doc.name());
        }
        return found;
    }

    @Override
    public String fortioCurl(String url) {
        try {
            return fortio().send(MeshRequest.get(url, Map.of("user-agent", "fortio.org/fortio")), Duration.ofSeconds(10)).body();
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public PageClient.Page fortioFetch(String url) {
        try {
            MeshResponse r = fortio().send(MeshRequest.get(url, Map.of("user-agent", "fortio.org/fortio")), Duration.ofSeconds(10));
            return new PageClient.Page(r.status(), r.body());
        } catch (IOException e) {
            return new PageClient.Page(0, "");
        }
    }

    @Override
    public String fortioLoad(workbench.fortio.Load load) { return workbench.fortio.LoadGenerator.run(load, fortio()).output(); }

    @Override
    public String proxyStats(String deployment) { return workbench.mesh.EnvoyStats.of(sidecarOf(deployment)); }

    @Override
    public List<String> proxyAccessLog(String deployment) { return sidecarOf(deployment).accessLog().lines(); }

    /** The sidecar of the first pod labelled {@code app: APP} in the namespace: where {@code mesh probe --from APP} sends from. */
    public workbench.mesh.Sidecar sidecarOfApp(String app) {
        Pod pod = mesh.registry().pods().stream().filter(p -> p.app().equals(app) && p.namespace().equals(namespace)).findFirst()
                .orElseThrow(() -> new BackendException("no pod with label app=" + app + " in namespace " + namespace
                        + "; --from takes a workload of bookinfo.yaml, fortio.yaml or httpbin.yaml (e.g. fortio, productpage)"));
        if (!pod.sidecar()) throw new BackendException("pod " + pod.name() + " has no sidecar");
        return mesh.sidecarFor(pod);
    }

    /** The sidecar of the first pod of {@code deployment}, as {@code kubectl exec deploy/NAME -c istio-proxy} picks one. */
    private workbench.mesh.Sidecar sidecarOf(String deployment) {
        List<Running> pods = podsByDeployment.getOrDefault(namespace + "/" + deployment, List.of());
        if (pods.isEmpty()) throw new BackendException("no Deployment " + deployment + " in namespace " + namespace + "; deploy its manifest first");
        Pod pod = pods.get(0).pod();
        if (!pod.sidecar()) {
            throw new BackendException("error: unable to upgrade connection: container not found (\"istio-proxy\"): pod " + pod.name()
                    + " has no sidecar; label the namespace istio-injection=enabled before deploying");
        }
        return mesh.sidecarFor(pod);
    }

    /** The gateway pod's labels, as Istio's gateway chart sets them for the name istio-ingressgateway. */
    static final Map<String, String> INGRESS_LABELS = workbench.mesh.GatewayRouter.INGRESS_GATEWAY_LABELS;

    @Override
    public synchronized java.net.URI ingressGateway() {
        if (ingressGateway == null) {
            String podName = PodNames.forDeployment("istio-ingressgateway", "istio/proxyv2" + INGRESS_LABELS, names);
            Pod pod = new Pod(podName, "istio-system", INGRESS_LABELS, null, true);
            Outbound envoy = mesh.ingressGatewayFor(pod, 80);
            try {
                // the gateway pod is Envoy alone: what arrives on its port goes through its routing
                PodServer server = PodServer.startPreferring(8080, (request, out) -> out.send(request, Duration.ZERO), envoy);
                ingressGateway = new Running(pod, server, null);
            } catch (IOException e) {
                throw new BackendException("could not open a loopback port for the ingress gateway: " + e.getMessage(), e);
            }
        }
        return java.net.URI.create("http://localhost:" + ingressGateway.server().address().getPort());
    }

    @Override
    public PageClient productPage() {
        Outbound fortio = fortio();
        return (path, headers) -> {
            MeshResponse r = fortio.send(MeshRequest.get("http://productpage:9080" + path, headers), Duration.ofSeconds(30));
            return new PageClient.Page(r.status(), r.body());
        };
    }

    /** The embedded mesh's productpage client already starts at the fortio pod's sidecar. */
    @Override
    public PageClient productPageFromFortio() { return productPage(); }

    /** The sidecar of the client pod (fortio), where requests from inside the mesh start. */
    public Outbound caller() { return fortio(); }

    /** The fortio pod's way out (its sidecar, when it was injected): the reader's requests start there, inside the mesh. */
    private Outbound fortio() {
        return mesh.registry().pods().stream()
                .filter(p -> p.app().equals("fortio") && p.namespace().equals(namespace))
                .findFirst()
                .map(mesh::outboundFor)
                .orElseThrow(() -> new BackendException("no fortio pod is running in namespace " + namespace
                        + "; deploy manifests/fortio.yaml first"));
    }

    /** Fetched over HTTP from the pod's own metrics port, as a scraper would. */
    @Override
    public synchronized String podMetrics(String pod) {
        Running running = podsByDeployment.values().stream().flatMap(List::stream)
                .filter(r -> r.pod().name().equals(pod)).findFirst()
                .orElseThrow(() -> new BackendException("no pod " + pod + " in namespace " + namespace));
        if (running.metrics() == null) throw new BackendException("pod " + pod + " has no istio-proxy, so no :15020/stats/prometheus");
        try {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(running.metrics().url()).toURL()
                    .openConnection(java.net.Proxy.NO_PROXY);
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try (java.io.InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new BackendException("could not scrape " + running.metrics().url() + " of pod " + pod + ": " + e.getMessage(), e);
        }
    }

    /**
     * Envoy's stats of the pod's sidecar. The embedded agent models none of its own metrics and the applications
     * export none, so this is the same istio_* text that {@link #podMetrics} serves for :15020.
     */
    @Override
    public synchronized String envoyPrometheus(String pod) {
        Running running = podsByDeployment.values().stream().flatMap(List::stream)
                .filter(r -> r.pod().name().equals(pod)).findFirst()
                .orElseThrow(() -> new BackendException("no pod " + pod + " in namespace " + namespace));
        if (!running.pod().sidecar()) throw new BackendException("pod " + pod + " has no istio-proxy, so no :15090/stats/prometheus");
        return mesh.telemetry().of(pod).exposition();
    }

    /** The mesh itself answers the part of Prometheus' and Jaeger's APIs the lessons use, on one loopback port ({@link AddonApis}). */
    @Override
    public workbench.backend.Addons addons() {
        String url = addonApis().url();
        return new workbench.backend.Addons(url, url + AddonApis.JAEGER_BASE_PATH, Duration.ZERO, List.of(
                "embedded mesh: Prometheus API subset at " + url + AddonApis.QUERY_PATH + " (" + AddonApis.QUERY_SUBSET + ")",
                "embedded mesh: Jaeger API subset at " + url + AddonApis.TRACES_PATH + " (" + AddonApis.TRACES_SUBSET + ")"));
    }

    private synchronized AddonApis addonApis() {
        if (addonApis == null) {
            try {
                addonApis = new AddonApis(this::expositionBySidecarPod, mesh.tracing().store());
            } catch (IOException e) {
                throw new BackendException("could not open a loopback port for the Prometheus and Jaeger APIs: " + e.getMessage(), e);
            }
        }
        return addonApis;
    }

    /** What a Prometheus scraping every sidecar's :15020 would read now. */
    private synchronized Map<String, String> expositionBySidecarPod() {
        Map<String, String> out = new LinkedHashMap<>();
        podsByDeployment.values().stream().flatMap(List::stream).filter(r -> r.metrics() != null)
                .forEach(r -> out.put(r.pod().name(), podMetrics(r.pod().name())));
        return out;
    }

    @Override
    public Optional<String> browserHint() {
        return mesh.registry().pods().stream()
                .filter(p -> p.app().equals("productpage") && p.address() != null)
                .findFirst()
                .map(p -> "http://127.0.0.1:" + p.address().getPort() + "/productpage");
    }

    private void stop(Running r) {
        mesh.registry().removePod(r.pod());
        mesh.forget(r.pod());
        if (r.server() != null) r.server().close();
        if (r.metrics() != null) r.metrics().close();
    }

    private String key(Document doc) { return doc.namespaceOr(namespace) + "/" + doc.name(); }

    @Override
    public synchronized void close() {
        podsByDeployment.values().forEach(list -> list.forEach(this::stop));
        podsByDeployment.clear();
        if (ingressGateway != null) ingressGateway.server().close();
        ingressGateway = null;
        barePods.values().forEach(p -> stop(p.running()));
        barePods.clear();
        if (addonApis != null) addonApis.close();
        mesh.close(); // each pod's server has waited for its own threads to end: none outlives the mesh
    }
}
