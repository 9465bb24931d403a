package workbench.backend.choice;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.testcontainers.DockerClientFactory;
import workbench.backend.Backend;
import workbench.backend.BackendException;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.backend.k3s.K3sBackend;
import workbench.backend.k3s.K3sSettings;
import workbench.backend.kubeconfig.KubeconfigBackend;

/**
 * Picks the backend a lesson runs on and opens it. Choosing is separate from opening, so the command
 * line can print the choice and its reason before a cluster takes minutes to start.
 */
public final class Backends {
    public static final Set<String> NAMES = Set.of("auto", "embedded", "k3s", "kubeconfig");
    /** How long the Docker check may take before it counts as "no answer". */
    static final Duration DOCKER_CHECK_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Everything the command line passes; null means "the default".
     *
     * @param backend      auto, embedded, k3s or kubeconfig
     * @param seed         the embedded mesh's seed
     * @param namespace    embedded and k3s: default "default"; kubeconfig: default a fresh {@code workbench-<lesson>-<random>}
     * @param kubeconfig   kubeconfig file for --backend kubeconfig (default: $KUBECONFIG or ~/.kube/config)
     * @param context      kubeconfig context (default: the current one)
     * @param keep         leave the mesh up when the lesson ends
     * @param reuse        k3s: Testcontainers reuse of a running cluster
     * @param istioVersion k3s: the Istio version to install (default {@link K3sSettings#DEFAULT_ISTIO_VERSION})
     * @param lesson       the lesson id (e.g. "lesson03"), used in generated namespace names
     */
    public record Options(String backend, long seed, String namespace, Path kubeconfig, String context,
                          boolean keep, boolean reuse, String istioVersion, String lesson) {
        public Options {
            if (backend == null || backend.isBlank()) backend = "auto";
        }

        public static Options of(String backend, long seed) {
            return new Options(backend, seed, null, null, null, false, false, null, null);
        }
    }

    /** Which backend and why, in one line for the console ("auto: no Docker engine answered (...), using the embedded mesh"). */
    public record Choice(String backend, String reason) {}

    /** An opened backend with the choice that led to it. */
    public record Selected(Backend backend, Choice choice) {}

    /** Starts a k3s backend; a parameter so tests can make the start fail the way a refusing Docker engine does. */
    @FunctionalInterface
    public interface K3sStart {
        Backend start(K3sSettings settings);
    }

    /** What a first k3s run costs, for the console line that announces it. */
    public static final String K3S_EXPECTATION = "the first run downloads about 1 GB and takes 5–15 min "
            + "(2–4 min later on; seconds with --reuse)";

    private Backends() {}

    /** Chooses and opens a backend, asking the real Docker engine whether it answers. */
    public static Selected select(Options options) {
        Choice choice = choose(options, Backends::dockerAnswers, dockerWhere());
        return new Selected(open(choice, options, line -> {}), choice);
    }

    /**
     * The pure choice. {@code auto} takes k3s when a Docker engine answers and the embedded mesh otherwise;
     * {@code k3s} without Docker fails at once with what to do.
     *
     * @param dockerAnswers whether a Docker engine answers (Testcontainers' check, injected for tests)
     * @param dockerWhere   a few words on where Docker was looked for, used when it did not answer
     */
    public static Choice choose(Options options, BooleanSupplier dockerAnswers, String dockerWhere) {
        String name = options.backend();
        switch (name) {
            case "embedded" -> { return new Choice("embedded", "embedded: the mesh emulated inside the JVM, as asked"); }
            case "kubeconfig" -> {
                String ctx = options.context() == null ? "the current context" : "context " + options.context();
                String file = options.kubeconfig() == null ? "" : " of " + options.kubeconfig();
                return new Choice("kubeconfig", "kubeconfig: your cluster, " + ctx + file);
            }
            case "k3s" -> {
                if (!dockerAnswers.getAsBoolean()) {
                    throw new BackendException("--backend k3s needs Docker, but no Docker engine answered (" + dockerWhere + "). "
                            + "Start Docker (Docker Desktop, colima or dockerd) and check that `docker info` works; "
                            + "or use --backend embedded (no Docker needed) or --backend kubeconfig (your own cluster with Istio).");
                }
                return new Choice("k3s", "k3s: a throwaway Kubernetes in Docker with Istio, as asked; " + K3S_EXPECTATION);
            }
            case "auto" -> {
                if (dockerAnswers.getAsBoolean()) {
                    return new Choice("k3s", "auto: a Docker engine answered, using a throwaway k3s cluster with Istio; "
                            + K3S_EXPECTATION + ". If it cannot start, the lesson runs on the embedded mesh");
                }
                return new Choice("embedded", "auto: no Docker engine answered (" + dockerWhere + "), using the embedded mesh"
                        + (options.reuse() ? "; --reuse applies to k3s only" : "")
                        + ". For real Istio on k3s, start Docker and check that `docker info` works");
            }
            default -> throw new BackendException("unknown backend '" + name + "'; choose one of auto, embedded, k3s, kubeconfig");
        }
    }

    /**
     * Opens the chosen backend; for k3s this starts a cluster and installs Istio, which takes minutes.
     * When {@code auto} chose k3s and the cluster cannot come up, {@code say} gets one paragraph on why
     * and what to do, and the lesson runs on the embedded mesh, whose article says so.
     */
    public static Backend open(Choice choice, Options options, Consumer<String> say) {
        return open(choice, options, say, K3sBackend::start);
    }

    static Backend open(Choice choice, Options options, Consumer<String> say, K3sStart k3s) {
        return switch (choice.backend()) {
            case "embedded" -> embedded(options, options.backend().equals("auto") ? choice.reason() : null);
            case "k3s" -> {
                K3sSettings settings = new K3sSettings(null, options.istioVersion(), options.namespace(), options.keep(), options.reuse(), null);
                if (!options.backend().equals("auto")) yield k3s.start(settings);
                try {
                    yield k3s.start(settings);
                } catch (RuntimeException e) {
                    String why = firstLine(e.getMessage() == null ? e.toString() : e.getMessage());
                    say.accept(fallbackParagraph(why));
                    yield embedded(options, "the k3s cluster could not start: " + why);
                }
            }
            case "kubeconfig" -> KubeconfigBackend.connect(new KubeconfigBackend.Settings(options.kubeconfig(), options.context(),
                    options.namespace(), options.lesson(), options.keep()), RandomGenerator.getDefault());
            default -> throw new BackendException("unknown backend '" + choice.backend() + "'");
        };
    }

    private static EmbeddedBackend embedded(Options options, String fallbackReason) {
        return new EmbeddedBackend(options.seed(), options.namespace() == null ? "default" : options.namespace(), fallbackReason);
    }

    /** The console paragraph when auto's k3s did not come up: what went wrong, what to do, what happens now. */
    static String fallbackParagraph(String why) {
        return "auto: the k3s cluster could not start, so this lesson runs on the embedded mesh instead. Why: " + why
                + " To see the whole error, run with --backend k3s (it stops there, exit 2); to skip the attempt, use --backend embedded.";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    /**
     * Testcontainers' own check ({@code DockerClientFactory.isDockerAvailable()}), bounded in time so a
     * DOCKER_HOST that never answers still fails within seconds.
     */
    public static boolean dockerAnswers() {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                return false; // some strategies throw other exceptions than the IllegalStateException it catches
            }
        });
        try {
            return check.get(DOCKER_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where this machine looks for Docker, in words, for the "no Docker" messages. */
    public static String dockerWhere() { return Docker.describeEnvironment(System.getenv(), Files::exists); }

    /** Where Docker was looked for, in words, for the "no Docker" messages. */
    static final class Docker {
        private Docker() {}

        static String describeEnvironment(Map<String, String> env, Predicate<Path> exists) {
            List<String> parts = new ArrayList<>();
            String host = env.get("DOCKER_HOST");
            if (host != null && !host.isBlank()) parts.add("DOCKER_HOST=" + host);
            else {
                parts.add("DOCKER_HOST is not set");
                Path socket = Path.of("/var/run/docker.sock");
                parts.add(exists.test(socket) ? socket + " exists but did not answer" : "no " + socket);
            }
            return String.join(", ", parts);
        }
    }
}
