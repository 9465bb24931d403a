package workbench.backend.k3s;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a failed k3s container start into a message that says what went wrong and what to do:
 * an image pull refused (Docker Hub rate limit, unknown tag, no network), privileged containers
 * refused, too little memory, or k3s not reporting a ready node in time. Pure: it reads the
 * exception chain and the container's log tail.
 */
public final class ContainerFailures {
    private ContainerFailures() {}

    /**
     * @param failure    what Testcontainers threw from {@code start()}
     * @param logTail    the last lines the container logged ("" when it never ran)
     * @param image      the k3s image that was started
     * @param removal    what became of the container, e.g. "The container was removed."
     */
    public static String explain(Throwable failure, String logTail, String image, String removal) {
        String chain = messages(failure);
        String said = chain.toLowerCase(Locale.ROOT);
        String logged = logTail.toLowerCase(Locale.ROOT);
        String all = said + "\n" + logged;
        String cause;
        if (all.contains("toomanyrequests") || all.contains("rate limit") || all.contains("429 too many")) {
            cause = "Docker Hub refused to send an image (pull rate limit; anonymous pulls are limited per IP address). "
                    + "Wait for the limit to reset (up to 6 hours) or `docker login` (a free account gets a higher limit), then retry. "
                    + "Once `docker pull " + image + "` has worked, the image stays in Docker's cache.";
        } else if (said.contains("ryuk")) {
            cause = "Testcontainers could not start its clean-up container (Ryuk). If your Docker refuses privileged containers set "
                    + "TESTCONTAINERS_RYUK_CONTAINER_PRIVILEGED=false; if the image testcontainers/ryuk cannot be pulled, check the network.";
        } else if (said.contains("manifest unknown") || said.contains("pull access denied")
                || (said.contains("not found") && said.contains("image"))) {
            cause = "the image " + image + " could not be found. Check the tag (e.g. " + K3sSettings.DEFAULT_IMAGE + ").";
        } else if (said.contains("can't get docker image") || said.contains("failed to pull")
                || said.contains("pull") && (said.contains("timeout") || said.contains("timed out") || said.contains("connection"))) {
            cause = "Docker could not download " + image + " (about 70 MB). Check the network or proxy, try `docker pull " + image
                    + "` by hand, and on a slow line raise TESTCONTAINERS_PULL_TIMEOUT (seconds, default 120).";
        } else if (said.contains("privileged") || logged.contains("cgroup") && logged.contains("operation not permitted")) {
            cause = "the Docker engine refused or limited a privileged container, which k3s needs to run Kubernetes inside Docker. "
                    + "Rootless Docker or Podman, and Docker Desktop's Enhanced Container Isolation, block it: use a rootful Docker "
                    + "engine, or run against a cluster you already have with --backend kubeconfig.";
        } else if (all.contains("oomkilled") || all.contains("out of memory") || all.contains("cannot allocate memory")) {
            cause = "the container ran out of memory. Give Docker at least 4 GiB (Docker Desktop: Settings > Resources > Memory).";
        } else if (all.contains("no space left on device")) {
            cause = "Docker's disk is full. Free space with `docker system prune` (it removes stopped containers and unused images).";
        } else if (said.contains("timed out waiting for log output") || said.contains("node controller sync successful")) {
            cause = "k3s did not report a ready node within " + K3sCluster.START_TIMEOUT.toMinutes() + " minutes. The log lines below "
                    + "usually say why (cgroups, memory, disk).";
        } else {
            cause = "the k3s container did not start: " + firstLine(chain) + ".";
        }
        StringBuilder sb = new StringBuilder("Could not start the k3s cluster (" + image + "): " + cause);
        sb.append("\n").append(removal);
        if (!logTail.isBlank()) {
            sb.append("\nLast lines the container logged:\n");
            logTail.lines().forEach(l -> sb.append("  | ").append(l).append('\n'));
        }
        sb.append("\nDocker said: ").append(chain.replace('\n', ' '));
        return sb.toString().stripTrailing();
    }

    /** Every message of the exception and its causes, outermost first. */
    static String messages(Throwable t) {
        List<String> out = new ArrayList<>();
        for (Throwable c = t; c != null && out.size() < 10; c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) out.add(c.getMessage().strip());
            if (c.getCause() == c) break;
        }
        return String.join(" <- ", out);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
