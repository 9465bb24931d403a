package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.Manifests;
import workbench.traffic.Observation;
import workbench.traffic.Observations;
import workbench.traffic.Probe;

/**
 * Lesson 03's 80/20 canary under load: N pages from C concurrent callers through the embedded mesh. Prints the
 * errors (non-200 pages and pages with reviews unavailable), the new TCP connections opened while the pages were
 * fetched, and requests per second. New connections are the kernel's count of active opens (TCP ActiveOpens in
 * /proc/net/snmp), so they are exact only in a network namespace of its own: bench/run starts it in one when it
 * can, otherwise the figure includes every other process on the host.
 * Run: bench/run, or {@code java -cp ... bench.CanaryLoad 100000 64}.
 */
public final class CanaryLoad {

    public static void main(String[] args) throws IOException {
        int pages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Path manifests = Path.of("manifests");
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection(); // istio-injection=enabled, as the lesson labels the namespace
            mesh.deploy(Manifests.load(manifests.resolve("bookinfo.yaml"), manifests.resolve("fortio.yaml")));
            mesh.apply(Manifests.load(manifests.resolve("reviews-destination-rule.yaml"), manifests.resolve("reviews-canary.yaml")));
            Probe.bulk(mesh.productPage(), "/productpage", Map.of(), 2_000, concurrency); // warms up the JIT and the pools

            long opensBefore = activeOpens();
            long meshBefore = mesh.mesh().connectionsOpened();
            Observations o = Probe.bulk(mesh.productPage(), "/productpage", Map.of(), pages, concurrency);
            long opened = activeOpens() - opensBefore;
            long meshOpened = mesh.mesh().connectionsOpened() - meshBefore;

            long errors = o.all().stream().filter(x -> x.status() != 200 || x.reviews().equals(Observation.UNAVAILABLE)).count();
            System.out.printf(Locale.ROOT, "%,d pages, %d callers, 80/20 canary: errors %d, new TCP connections %,d (%.3f per page; the mesh's own count: %,d), %.0f req/s, split %s%n",
                    pages, concurrency, errors, opened, (double) opened / pages, meshOpened, o.requestsPerSecond(), o.byReviews());
        }
    }

    /** TCP connections this network namespace has opened so far (connect() calls that went out). */
    private static long activeOpens() throws IOException {
        List<String> tcp = Files.readAllLines(Path.of("/proc/net/snmp")).stream().filter(l -> l.startsWith("Tcp:")).toList();
        List<String> names = List.of(tcp.get(0).split("\\s+"));
        return Long.parseLong(tcp.get(1).split("\\s+")[names.indexOf("ActiveOpens")]);
    }
}
