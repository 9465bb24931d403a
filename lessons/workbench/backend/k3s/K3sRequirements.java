package workbench.backend.k3s;

import java.util.Locale;
import java.util.Optional;

/** What the Docker engine must offer before a cluster is started, checked up front so the failure is immediate and clear. */
public final class K3sRequirements {
    /** k3s (~0.6 GiB), istiod, seven sidecars, and Bookinfo's three Java reviews pods: about 3 GiB in all. */
    public static final long MIN_MEMORY = 3L << 30;
    public static final long RECOMMENDED_MEMORY = 4L << 30;

    private K3sRequirements() {}

    /** @param dockerMemory the memory the Docker engine reports (its VM's memory on Docker Desktop / colima), 0 when unknown */
    public static Optional<String> memoryProblem(long dockerMemory) {
        if (dockerMemory <= 0 || dockerMemory >= MIN_MEMORY) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT,
                "Docker has %.1f GiB of memory, too little for k3s with Istio and Bookinfo (about 3 GiB; 4 GiB is comfortable). "
                        + "Give Docker more memory (Docker Desktop: Settings > Resources > Memory; colima: `colima start --memory 4`), "
                        + "or use --backend embedded.", dockerMemory / (double) (1L << 30)));
    }

    /** @param reuseEnabled whether Testcontainers' reuse switch ({@code testcontainers.reuse.enable}) is on */
    public static Optional<String> reuseProblem(boolean reuse, boolean reuseEnabled) {
        if (!reuse || reuseEnabled) return Optional.empty();
        return Optional.of("--reuse needs Testcontainers' reuse switched on: add the line `testcontainers.reuse.enable=true` to "
                + "~/.testcontainers.properties (or set TESTCONTAINERS_REUSE_ENABLE=true). Without it the cluster would be removed "
                + "when the lesson ends and nothing could be reused.");
    }
}
