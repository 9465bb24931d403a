package workbench.backend.k3s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import workbench.backend.BackendException;

/**
 * The lifecycle of one k3s container (Testcontainers' {@link K3sContainer}): start it, hand out a
 * client, write its kubeconfig for a kept cluster, and remove it at the end unless it is to be reused.
 */
final class K3sCluster implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    static final String KUBECONFIG_FILE = "k3s-kubeconfig.yaml";

    private final K3sContainer container;
    private final K3sSettings settings;
    private final KubernetesClient client;
    private final boolean reused;

    private K3sCluster(K3sContainer container, K3sSettings settings, KubernetesClient client, boolean reused) {
        this.container = container;
        this.settings = settings;
        this.client = client;
        this.reused = reused;
    }

    static K3sCluster start(K3sSettings settings) {
        // K3sContainer's constructor already sets the server command (server --disable=traefik
        // --tls-san=<docker host>), privileged mode and the wait for a ready node; nothing here repeats it
        K3sContainer container = new K3sContainer(DockerImageName.parse(settings.image()));
        // Testcontainers removes a container that fails to start before rethrowing, so its log must be
        // collected while it runs to be shown afterwards
        LogTail startLog = new LogTail(30);
        container.withStartupTimeout(START_TIMEOUT)
                .withReuse(settings.reuse())
                .withLogConsumer(startLog);
        Instant before = Instant.now();
        try {
            container.start();
        } catch (RuntimeException e) {
            throw new BackendException(ContainerFailures.explain(e, startLog.text(), settings.image(),
                    "Testcontainers removed the container that failed to start."), e);
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(container.getKubeConfigYaml())).build();
        return new K3sCluster(container, settings, client, startedBefore(container, before));
    }

    KubernetesClient client() { return client; }

    boolean reused() { return reused; }

    String containerId() { return container.getContainerId(); }

    /** Writes the admin kubeconfig (owner-only) so `kubectl` reaches the cluster while it is kept; returns the file. */
    Path writeKubeconfig() {
        try {
            Files.createDirectories(settings.stateDir());
            Path file = settings.stateDir().resolve(KUBECONFIG_FILE);
            Files.writeString(file, container.getKubeConfigYaml());
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the user profile directory is private already
            }
            return file;
        } catch (IOException e) {
            throw new BackendException("could not write the kubeconfig of the kept cluster to " + settings.stateDir() + ": " + e.getMessage(), e);
        }
    }

    String logTail(int lines) { return logTail(container, lines); }

    /** After a failure: removes the container, except a kept one (for inspection) or a reused one; says which. */
    String closeAfterFailure() {
        client.close();
        return afterFailure(container, settings);
    }

    @Override
    public void close() {
        client.close();
        if (!settings.reuse()) container.stop();
    }

    private static String afterFailure(K3sContainer container, K3sSettings settings) {
        String id = container.getContainerId() == null ? "" : container.getContainerId().substring(0, Math.min(12, container.getContainerId().length()));
        if (id.isEmpty()) return "No container was left behind.";
        if (settings.keep() || settings.reuse()) {
            return "The container " + id + " was left running for inspection (`docker logs " + id + "`); "
                    + (settings.reuse() ? "it is reused by the next run with --reuse, `docker rm -f " + id + "` removes it."
                    : "Testcontainers removes it when this program exits.");
        }
        try {
            container.stop();
            return "The container " + id + " was removed.";
        } catch (RuntimeException e) {
            return "Removing the container " + id + " failed (" + e.getMessage() + "); remove it with `docker rm -f " + id + "`.";
        }
    }

    private static String logTail(K3sContainer container, int lines) {
        if (container.getContainerId() == null) return "";
        try {
            List<String> all = container.getLogs().lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** A reused container was started by an earlier run, before this one asked for it. */
    private static boolean startedBefore(K3sContainer container, Instant before) {
        try {
            String startedAt = container.getContainerInfo().getState().getStartedAt();
            return startedAt != null && Instant.parse(startedAt).isBefore(before.minusSeconds(5));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
