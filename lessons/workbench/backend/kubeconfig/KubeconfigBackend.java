package workbench.backend.kubeconfig;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import workbench.backend.BackendException;
import workbench.backend.cluster.ClusterBackend;
import workbench.backend.cluster.ClusterMesh;
import workbench.backend.cluster.NamespacePolicy;
import workbench.backend.cluster.PhaseClock;
import workbench.backend.cluster.Waiter;

/**
 * The user's own cluster, reached through a kubeconfig context, with Istio already installed. The
 * lesson runs in a namespace of its own ({@code workbench-<lesson>-<random>}) unless one is named, and
 * the backend never changes or deletes anything it did not create.
 */
public final class KubeconfigBackend extends ClusterBackend {
    public static final String ISTIO_NAMESPACE = "istio-system";
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(10);

    /** Where to connect and how to behave; null fields mean "the default". */
    public record Settings(Path kubeconfig, String context, String namespace, String lesson, boolean keep) {}

    private final KubernetesClient client;
    private final Settings settings;
    private final String contextName;
    private final String kubernetesVersion;
    private final String istioVersion;
    private final PhaseClock clock;

    private KubeconfigBackend(KubernetesClient client, ClusterMesh mesh, Settings settings, String contextName,
                              String kubernetesVersion, String istioVersion, PhaseClock clock) {
        super(mesh);
        this.client = client;
        this.settings = settings;
        this.contextName = contextName;
        this.kubernetesVersion = kubernetesVersion;
        this.istioVersion = istioVersion;
        this.clock = clock;
    }

    /** Connects, checks that Istio is there, and prepares the namespace (creating it when none was named). */
    public static KubeconfigBackend connect(Settings settings, RandomGenerator random) {
        PhaseClock clock = new PhaseClock();
        Config config = config(settings);
        String context = config.getCurrentContext() == null ? "(none)" : config.getCurrentContext().getName();
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        try {
            String k8s = clock.time("connect", () -> kubernetesVersion(client, config, context));
            String istio = istioVersion(client, context);
            String ns = settings.namespace() != null ? settings.namespace() : NamespacePolicy.generatedName(settings.lesson(), random);
            boolean exists = client.namespaces().withName(ns).get() != null;
            NamespacePolicy policy = NamespacePolicy.sharedCluster(ns, !exists);
            ClusterMesh mesh = new ClusterMesh(client, policy, Waiter.real(), clock, DEPLOY_TIMEOUT);
            mesh.ensureNamespaceExists(); // labelled for injection by the lesson's own step
            return new KubeconfigBackend(client, mesh, settings, context, k8s, istio, clock);
        } catch (KubernetesClientException e) {
            client.close();
            throw new BackendException("the cluster of context " + context + " refused a request while preparing the lesson: "
                    + e.getMessage() + (e.getCode() == 403 ? ". Your credentials lack a permission the workbench needs "
                    + "(read deployments in istio-system and mutatingwebhookconfigurations, create namespaces)." : ""), e);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static boolean inCluster() { return System.getenv("KUBERNETES_SERVICE_HOST") != null; }

    private static String kubeconfigWhere() {
        String env = System.getenv("KUBECONFIG");
        return env != null && !env.isBlank() ? "KUBECONFIG=" + env : "KUBECONFIG is not set and ~/.kube/config does not exist";
    }

    private static Config config(Settings s) {
        try {
            if (s.kubeconfig() != null) {
                if (!Files.isReadable(s.kubeconfig())) {
                    throw new BackendException("kubeconfig " + s.kubeconfig() + " does not exist or cannot be read; pass --kubeconfig FILE");
                }
                return Config.fromKubeconfig(s.context(), s.kubeconfig().toFile());
            }
            Config config = Config.autoConfigure(s.context());
            // with no kubeconfig anywhere, fabric8 falls back to in-cluster defaults that cannot work on a laptop
            if (config.getCurrentContext() == null && !inCluster()) {
                throw new BackendException("no kubeconfig found (" + kubeconfigWhere() + "); pass --kubeconfig FILE, "
                        + "or use --backend embedded (no cluster needed)");
            }
            return config;
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new BackendException("could not read the kubeconfig" + (s.context() == null ? "" : " context " + s.context())
                    + ": " + e.getMessage() + ". Check `kubectl config get-contexts`.", e);
        }
    }

    private static String kubernetesVersion(KubernetesClient client, Config config, String context) {
        try {
            return client.getKubernetesVersion().getGitVersion();
        } catch (KubernetesClientException e) {
            throw new BackendException("cannot reach the cluster of context " + context + " at " + config.getMasterUrl() + ": "
                    + e.getMessage() + ". Check that `kubectl --context " + context + " get nodes` works.", e);
        }
    }

    /** The istiod image tag, after checking that istiod and its sidecar injector are installed. */
    private static String istioVersion(KubernetesClient client, String context) {
        List<Deployment> istiods = client.apps().deployments().inNamespace(ISTIO_NAMESPACE).withLabel("app", "istiod").list().getItems();
        if (istiods.isEmpty()) {
            throw new BackendException("Istio is not installed in the cluster of context " + context + ": there is no istiod Deployment in "
                    + ISTIO_NAMESPACE + ". Install Istio 1.28 first (e.g. `istioctl install --set profile=minimal`, or the Helm charts "
                    + "base and istiod), or use --backend k3s, which installs it in a throwaway cluster.");
        }
        boolean injector = client.admissionRegistration().v1().mutatingWebhookConfigurations().list().getItems().stream()
                .anyMatch(m -> m.getMetadata().getName().startsWith("istio-sidecar-injector"));
        if (!injector) {
            throw new BackendException("istiod runs in " + ISTIO_NAMESPACE + " but there is no istio-sidecar-injector webhook, so pods get no sidecar. "
                    + "Reinstall Istio with sidecar injection enabled.");
        }
        return istiods.get(0).getSpec().getTemplate().getSpec().getContainers().stream()
                .map(Container::getImage).filter(i -> i != null && i.contains(":"))
                .map(i -> i.substring(i.lastIndexOf(':') + 1)).findFirst().orElse("unknown");
    }

    @Override public String name() { return "kubeconfig"; }

    @Override
    public LinkedHashMap<String, String> stamp() {
        LinkedHashMap<String, String> s = new LinkedHashMap<>();
        s.put("context", contextName);
        s.put("kubernetes", kubernetesVersion);
        s.put("istio", istioVersion + (istioVersion.startsWith("1.28") ? "" : " (the lessons are written for 1.28)"));
        s.put("namespace", mesh.namespace());
        s.putAll(clock.stampEntries());
        s.putAll(mesh.waitedEntries());
        return s;
    }

    @Override
    public Optional<String> browserHint() {
        String ctx = settings.context() == null ? "" : " --context " + settings.context();
        String kc = settings.kubeconfig() == null ? "" : " --kubeconfig " + settings.kubeconfig();
        return Optional.of("kubectl" + kc + ctx + " -n " + mesh.namespace()
                + " port-forward svc/productpage 9080:9080, then open http://localhost:9080/productpage");
    }

    @Override
    public void close() {
        try {
            mesh.close();
            mesh.deleteCreated(settings.keep());
        } finally {
            client.close();
        }
    }
}
