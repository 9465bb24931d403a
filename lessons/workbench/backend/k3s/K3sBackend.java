package workbench.backend.k3s;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;
import workbench.backend.BackendException;
import workbench.backend.cluster.ClusterBackend;
import workbench.backend.cluster.ClusterMesh;
import workbench.backend.cluster.NamespacePolicy;
import workbench.backend.cluster.PhaseClock;
import workbench.backend.cluster.Waiter;

/**
 * A throwaway Kubernetes: k3s in a Docker container, with real Istio installed by k3s's Helm
 * controller. The lesson runs against it exactly as against the user's cluster; the container is
 * removed when the backend closes, unless it is to be reused.
 */
public final class K3sBackend extends ClusterBackend {
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(15);

    private final K3sSettings settings;
    private final K3sCluster cluster;
    private final PhaseClock clock;
    private final String kubernetesVersion;
    private final Path keptKubeconfig;
    private final Waiter waiter;
    private boolean addonsInstalled;

    private K3sBackend(K3sSettings settings, K3sCluster cluster, ClusterMesh mesh, PhaseClock clock, Waiter waiter,
                       String kubernetesVersion, Path keptKubeconfig) {
        super(mesh);
        this.waiter = waiter;
        this.settings = settings;
        this.cluster = cluster;
        this.clock = clock;
        this.kubernetesVersion = kubernetesVersion;
        this.keptKubeconfig = keptKubeconfig;
    }

    /** Checks the Docker engine, starts k3s, installs Istio and prepares the namespace. Call only when Docker answers. */
    public static K3sBackend start(K3sSettings settings) {
        return start(settings, K3sBackend::dockerMemory, () -> TestcontainersConfiguration.getInstance().environmentSupportsReuse());
    }

    static K3sBackend start(K3sSettings settings, LongSupplier dockerMemory, BooleanSupplier reuseEnabled) {
        K3sRequirements.reuseProblem(settings.reuse(), reuseEnabled.getAsBoolean()).ifPresent(p -> { throw new BackendException(p); });
        K3sRequirements.memoryProblem(dockerMemory.getAsLong()).ifPresent(p -> { throw new BackendException(p); });
        PhaseClock clock = new PhaseClock();
        K3sCluster cluster = clock.time("k3s start", () -> K3sCluster.start(settings));
        try {
            Waiter waiter = Waiter.real();
            String k8s = cluster.client().getKubernetesVersion().getGitVersion();
            clock.time("istio install", () -> new IstioInstaller(cluster.client(), waiter).install(settings.istioVersion()));
            ClusterMesh mesh = new ClusterMesh(cluster.client(), NamespacePolicy.ownedCluster(settings.namespace()), waiter, clock,
                    DEPLOY_TIMEOUT);
            mesh.ensureNamespaceExists(); // labelled for injection by the lesson's own step
            Path kubeconfig = settings.keep() ? cluster.writeKubeconfig() : null;
            return new K3sBackend(settings, cluster, mesh, clock, waiter, k8s, kubeconfig);
        } catch (RuntimeException e) {
            Path kubeconfig = settings.keep() ? writeQuietly(cluster) : null;
            String after = cluster.closeAfterFailure()
                    + (kubeconfig == null ? "" : " Its kubeconfig: " + kubeconfig + " (e.g. `KUBECONFIG=" + kubeconfig + " kubectl get pods -A`).");
            String message = e instanceof BackendException ? e.getMessage() : "setting up Istio on k3s failed: " + e;
            throw new BackendException(message + "\n" + after, e);
        }
    }

    private static Path writeQuietly(K3sCluster cluster) {
        try {
            return cluster.writeKubeconfig();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long dockerMemory() {
        try {
            Long mem = DockerClientFactory.instance().getInfo().getMemTotal();
            return mem == null ? 0 : mem;
        } catch (RuntimeException e) {
            return 0; // unknown: let the start itself report what is wrong
        }
    }

    @Override public String name() { return "k3s"; }

    /** Istio's Prometheus, Kiali and Jaeger addons ({@link AddonCharts}), installed when a lesson first asks for them. */
    @Override
    protected List<String> installAddons() {
        List<String> applied = clock.time("addons install",
                () -> new AddonInstaller(cluster.client(), new HelmController(cluster.client(), waiter)).install());
        addonsInstalled = true;
        return applied;
    }

    @Override
    public LinkedHashMap<String, String> stamp() {
        LinkedHashMap<String, String> s = new LinkedHashMap<>();
        if (cluster.reused()) s.put("reused", "yes");
        s.put("k3s image", settings.image());
        s.put("kubernetes", kubernetesVersion);
        s.put("istio", settings.istioVersion());
        s.put("istio install", "Helm charts base, istiod (k3s Helm controller)");
        s.put("tracing", workbench.istio.WorkbenchMeshConfig.tracingSummary());
        if (addonsInstalled) s.put("addons", AddonCharts.summary());
        s.put("namespace", mesh.namespace());
        s.putAll(clock.stampEntries());
        s.putAll(mesh.waitedEntries());
        return s;
    }

    /** While a kept cluster runs: where its kubeconfig is and the port-forward that reaches productpage from a browser. */
    @Override
    public Optional<String> browserHint() {
        if (keptKubeconfig == null) return Optional.empty();
        return Optional.of("KUBECONFIG=" + keptKubeconfig + " kubectl -n " + mesh.namespace()
                + " port-forward svc/productpage 9080:9080, then open http://localhost:9080/productpage");
    }

    @Override
    public void close() {
        try {
            mesh.close();
        } finally {
            cluster.close();
        }
    }
}
