package workbench.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import workbench.backend.PodStatus;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.manifest.Manifests;

/**
 * Istio's standard metrics (istio.io/latest/docs/reference/config/metrics/) as the embedded sidecars record them,
 * read back through each pod's {@code :15020/stats/prometheus}: counts equal the requests actually sent, the caller
 * reports {@code reporter="source"}, the callee {@code reporter="destination"}, workloads are Deployment names and
 * destination_service is the FQDN.
 */
class MeshTelemetryTest {
    private static final int PAGES = 40;
    private static EmbeddedBackend backend;
    private static Scrape scrape;
    private static String fortioPod;

    @BeforeAll
    static void sendPagesWithReviewsPinnedToV3() throws Exception {
        backend = new EmbeddedBackend(7, "default");
        backend.enableInjection();
        backend.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml")));
        backend.apply(Manifests.load(Path.of("manifests/reviews-destination-rule.yaml")));
        Path pin = java.nio.file.Files.createTempFile("reviews-v3-only", ".yaml");
        java.nio.file.Files.writeString(pin, """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v3}
                """);
        backend.apply(Manifests.load(pin));
        for (int i = 0; i < PAGES; i++) assertThat(backend.productPage().get("/productpage", Map.of()).status()).isEqualTo(200);
        Map<String, String> texts = new LinkedHashMap<>();
        for (PodStatus p : backend.pods()) if (p.istioProxy()) texts.put(p.name(), backend.podMetrics(p.name()));
        scrape = Scrape.of(texts);
        fortioPod = backend.pods().stream().map(PodStatus::name).filter(n -> n.startsWith("fortio")).findFirst().orElseThrow();
    }

    @AfterAll
    static void close() { backend.close(); }

    private static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void theCalleeReportsEveryRequestAsDestinationWithTheCallersIdentity() {
        Map<String, String> toV3 = labels("reporter", "destination", "source_workload", "productpage-v1", "source_version", "v1",
                "destination_workload", "reviews-v3", "destination_version", "v3",
                "destination_service", "reviews.default.svc.cluster.local", "response_code", "200", "response_flags", "-");
        assertThat(scrape.requests(toV3)).isEqualTo(PAGES);
        assertThat(scrape.requests(labels("reporter", "destination", "destination_app", "reviews"))).as("all reviews traffic went to v3")
                .isEqualTo(PAGES);
        assertThat(scrape.durations(toV3).count()).isEqualTo(PAGES);
        assertThat(scrape.samples()).filteredOn(s -> s.name().equals(IstioMetrics.REQUESTS)
                        && s.label("reporter").equals("destination") && s.label("destination_workload").equals("reviews-v3"))
                .isNotEmpty()
                .allMatch(s -> s.label("pod").startsWith("reviews-v3-"), "recorded at the callee's own sidecar");
    }

    @Test
    void theCallerReportsEachRequestOnceAsSource() {
        assertThat(scrape.requests(labels("reporter", "source", "source_workload", "productpage-v1",
                "destination_workload", "reviews-v3", "destination_service", "reviews.default.svc.cluster.local", "response_code", "200")))
                .isEqualTo(PAGES);
        // reviews-v3 calls ratings once per page
        assertThat(scrape.requests(labels("reporter", "source", "source_workload", "reviews-v3", "destination_workload", "ratings-v1",
                "destination_service", "ratings.default.svc.cluster.local"))).isEqualTo(PAGES);
        assertThat(scrape.requests(labels("reporter", "source", "source_workload", "fortio-deploy", "destination_workload", "productpage-v1")))
                .as("the reader's requests from fortio's sidecar").isEqualTo(PAGES);
        assertThat(scrape.requests(labels("reporter", "source", "pod", fortioPod))).isEqualTo(PAGES);
    }

    @Test
    void histogramsUseEnvoysDefaultBucketsAndAgreeWithTheCounter() {
        List<Sample> buckets = scrape.samples().stream().filter(s -> s.name().equals(IstioMetrics.DURATION + "_bucket")).toList();
        assertThat(buckets).extracting(s -> s.label("le")).containsOnly(
                "0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "30000",
                "60000", "300000", "600000", "1800000", "3600000", "+Inf");
        for (Sample counter : scrape.samples().stream().filter(s -> s.name().equals(IstioMetrics.REQUESTS)).toList()) {
            Map<String, String> inf = new LinkedHashMap<>(counter.labels());
            inf.put("le", "+Inf");
            assertThat(buckets).filteredOn(b -> b.labels().equals(inf)).extracting(Sample::value).containsExactly(counter.value());
        }
    }
}
