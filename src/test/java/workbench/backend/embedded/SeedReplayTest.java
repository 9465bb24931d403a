package workbench.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.manifest.Manifests;
import workbench.traffic.Observation;
import workbench.traffic.Observations;
import workbench.traffic.Probe;

/**
 * A seed replays a run: the same pages, in the same order, served by the same pods, with the same injected
 * faults, while mirrors draw their hosts from the same generators as the requests they copy. The reviews route
 * mixes every kind of draw: weights, a fault abort, a mirror with a percentage, and RANDOM load balancing over
 * all three versions (a destination without subset), so a draw that landed on another request would show.
 */
class SeedReplayTest {
    private static final String CONFIG = """
            apiVersion: networking.istio.io/v1beta1
            kind: DestinationRule
            metadata: {name: reviews}
            spec:
              host: reviews
              trafficPolicy: {loadBalancer: {simple: RANDOM}}
              subsets:
              - {name: v1, labels: {version: v1}}
            ---
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata: {name: reviews}
            spec:
              hosts: [reviews]
              http:
              - fault:
                  abort: {percentage: {value: 10}, httpStatus: 503}
                mirror: {host: reviews}
                mirrorPercentage: {value: 50}
                route:
                - destination: {host: reviews}
                  weight: 60
                - destination: {host: reviews, subset: v1}
                  weight: 40
            """;

    @TempDir Path dir;

    @Test
    void theSameSeedServesTheSamePagesInTheSameOrder() throws IOException {
        List<Observation> first = run(7, 300, 1).all();
        List<Observation> second = run(7, 300, 1).all();

        assertThat(second).isEqualTo(first);
        // every kind of draw was exercised: the weights, the load balancer across versions, and the fault
        assertThat(first).extracting(Observation::reviews).contains("v1", "v2", "v3", Observation.UNAVAILABLE);
        assertThat(run(8, 300, 1).all()).as("another seed").isNotEqualTo(first);
    }

    /**
     * With concurrent callers the order of pages depends on thread timing, but each call's draws do not, so the
     * counts replay. Without the fault: productpage retries a failed reviews call, and which pages get two
     * failures in a row would depend on timing.
     */
    @Test
    void concurrentCallersGetTheSameCountsFromTheSameSeed() throws IOException {
        String withoutFault = CONFIG.replaceAll("(?s)  - fault:.*?httpStatus: 503\\}\n    ", "  - ");
        assertThat(withoutFault).doesNotContain("fault").contains("  - mirror: {host: reviews}");
        Observations first = run(11, 400, 4, withoutFault);
        Observations second = run(11, 400, 4, withoutFault);

        assertThat(second.byReviews()).isEqualTo(first.byReviews());
        assertThat(second.all().stream().map(Observation::podName).sorted().toList())
                .isEqualTo(first.all().stream().map(Observation::podName).sorted().toList());
    }

    private Observations run(long seed, int pages, int concurrency) throws IOException {
        return run(seed, pages, concurrency, CONFIG);
    }

    private Observations run(long seed, int pages, int concurrency, String yaml) throws IOException {
        Path config = Files.writeString(dir.resolve("reviews-" + seed + "-" + System.nanoTime() + ".yaml"), yaml);
        try (EmbeddedBackend mesh = new EmbeddedBackend(seed, "default")) {
            mesh.enableInjection();
            mesh.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml")));
            mesh.apply(Manifests.load(config));
            return Probe.bulk(mesh.productPage(), "/productpage", Map.of(), pages, concurrency);
        }
    }
}
