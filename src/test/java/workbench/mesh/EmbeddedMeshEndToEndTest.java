package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.backend.PageClient;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.bookinfo.App;
import workbench.bookinfo.PodServer;
import workbench.manifest.Manifests;

/**
 * The embedded mesh end to end: Bookinfo from the lesson's manifests on {@link EmbeddedBackend}, plus small
 * test pods (real HTTP servers on loopback) behind a service {@code flaky}, called through the fortio pod's
 * sidecar. Durations are short; assertions leave room for a slow machine.
 */
class EmbeddedMeshEndToEndTest {
    @TempDir
    Path dir;

    private EmbeddedBackend backend;
    private final List<PodServer> servers = new ArrayList<>();

    @BeforeEach
    void bookinfo() {
        backend = new EmbeddedBackend(20261128, "default");
        backend.enableInjection();
        backend.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml")));
        backend.mesh().registry().add(new KubeService("flaky", "default", 9080, Map.of("app", "flaky")));
    }

    @AfterEach
    void stop() {
        servers.forEach(PodServer::close);
        backend.close();
    }

    private void apply(String yaml) throws IOException {
        Path f = Files.createTempFile(dir, "config", ".yaml");
        Files.writeString(f, yaml);
        backend.apply(Manifests.load(f));
    }

    private Pod testPod(String name, String version, App app) throws IOException {
        Pod unbound = new Pod(name, "default", Map.of("app", "flaky", "version", version), null);
        PodServer server = PodServer.start(app, backend.mesh().sidecarFor(unbound));
        servers.add(server);
        Pod pod = new Pod(name, "default", unbound.labels(), server.address());
        backend.mesh().registry().add(pod);
        return pod;
    }

    private Sidecar fortio() {
        Pod pod = backend.mesh().registry().pods().stream().filter(p -> p.app().equals("fortio")).findFirst().orElseThrow();
        return backend.mesh().sidecarFor(pod);
    }

    private MeshResponse call(String path) throws IOException { return call(path, Map.of()); }

    private MeshResponse call(String path, Map<String, String> headers) throws IOException {
        return fortio().send(MeshRequest.get("http://flaky:9080" + path, headers), Duration.ofSeconds(10));
    }

    private static App answering(int status, String body, AtomicInteger calls) {
        return (request, outbound) -> {
            calls.incrementAndGet();
            return MeshResponse.of(status, "text/plain", body);
        };
    }

    private static final String FLAKY_SUBSETS = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata: {name: flaky}
            spec:
              host: flaky
              subsets:
              - name: v1
                labels: {version: v1}
              - name: v2
                labels: {version: v2}
            """;

    @Test
    void aRouteTimeoutCutsReviewsOffWhileRatingsIsDelayed() throws IOException {
        // task "Request Timeouts": reviews → v2 with timeout; ratings delayed by a fault (here 1 s and 200 ms, not 2 s and 0.5 s)
        apply(Files.readString(Path.of("manifests/reviews-destination-rule.yaml")) + """
                ---
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: ratings}
                spec:
                  host: ratings
                  subsets:
                  - name: v1
                    labels: {version: v1}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v2}
                    timeout: 200ms
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: ratings}
                spec:
                  hosts: [ratings]
                  http:
                  - fault:
                      delay: {percentage: {value: 100}, fixedDelay: 1s}
                    route:
                    - destination: {host: ratings, subset: v1}
                """);
        long start = System.nanoTime();
        MeshResponse reviews = fortio().send(MeshRequest.get("http://reviews:9080/reviews/0", Map.of()), Duration.ofSeconds(5));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(reviews.status()).isEqualTo(504);
        assertThat(reviews.body()).isEqualTo("upstream request timeout");
        assertThat(took).isBetween(Duration.ofMillis(190), Duration.ofMillis(900));

        start = System.nanoTime();
        PageClient.Page page = backend.productPage().get("/productpage", Map.of());
        took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(page.status()).isEqualTo(200); // productpage always answers 200 and shows its error text
        assertThat(page.body()).contains("Sorry, product reviews are currently unavailable for this book.");
        assertThat(took).as("two tries of 200 ms, not the 1 s delay").isLessThan(Duration.ofMillis(950));
    }

    @Test
    void aFaultAbortForJasonShowsTheRatingsError() throws IOException {
        // virtual-service-ratings-test-abort.yaml with reviews on v2 for everyone: jason's page shows the ratings error
        apply(Files.readString(Path.of("manifests/reviews-destination-rule.yaml")) + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v2}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: ratings}
                spec:
                  hosts: [ratings]
                  http:
                  - match:
                    - headers: {end-user: {exact: jason}}
                    fault:
                      abort: {percentage: {value: 100.0}, httpStatus: 500}
                    route:
                    - destination: {host: ratings}
                  - route:
                    - destination: {host: ratings}
                """);
        String jason = "session=" + Base64.getUrlEncoder().withoutPadding().encodeToString("jason".getBytes(StandardCharsets.UTF_8));
        assertThat(backend.productPage().get("/productpage", Map.of("cookie", jason)).body())
                .contains("Ratings service is currently unavailable");
        assertThat(backend.productPage().get("/productpage", Map.of()).body())
                .doesNotContain("Ratings service is currently unavailable").contains("text-black-500");
    }

    @Test
    void anApplications503IsNotRetriedByDefault() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", answering(503, "busy", calls));
        MeshResponse r = call("/");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("busy");
        assertThat(calls).hasValue(1);
    }

    @Test
    void retryOnRetriesUpToAttemptsThenReturnsTheLastResponse() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<String> attemptCounts = new CopyOnWriteArrayList<>();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            calls.incrementAndGet();
            attemptCounts.add(request.header("x-envoy-attempt-count"));
            return MeshResponse.of(503, "text/plain", "busy");
        });
        apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky}
                    retries: {attempts: 3, retryOn: 5xx}
                """);
        MeshResponse r = call("/");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("busy");
        assertThat(calls).hasValue(4);
        assertThat(attemptCounts).containsExactly("1", "2", "3", "4");
    }

    @Test
    void aRetryFindsTheHealthyHost() throws IOException {
        // previous_hosts: the retry avoids the host that just failed
        AtomicInteger bad = new AtomicInteger();
        AtomicInteger good = new AtomicInteger();
        testPod("flaky-v1-aaaaaaaaaa-bad00", "v1", answering(503, "busy", bad));
        testPod("flaky-v1-aaaaaaaaaa-good0", "v1", answering(200, "ok", good));
        apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky}
                    retries: {attempts: 1, retryOn: '503'}
                """);
        int ok = 0;
        for (int i = 0; i < 40; i++) if (call("/").status() == 200) ok++;
        assertThat(bad.get()).as("the first try lands on the bad host about half the time").isBetween(5, 35);
        // a retry re-draws a tried host up to 5 times (host_selection_retry_max_attempts): it fails only with p = 1/64
        assertThat(ok).isEqualTo(good.get()).isGreaterThanOrEqualTo(37);
    }

    @Test
    void theRouteTimeoutCoversEveryTry() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            calls.incrementAndGet();
            sleep(600);
            return MeshResponse.of(200, "text/plain", "late");
        });
        apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky}
                    timeout: 300ms
                    retries: {attempts: 5, perTryTimeout: 100ms, retryOn: 5xx}
                """);
        long start = System.nanoTime();
        MeshResponse r = call("/");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("upstream request timeout");
        assertThat(took).isBetween(Duration.ofMillis(290), Duration.ofMillis(1000));
        assertThat(calls.get()).isBetween(2, 3);
    }

    @Test
    void aPerTryTimeoutIsNotRetriedByTheDefaultConditions() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            calls.incrementAndGet();
            sleep(400);
            return MeshResponse.of(200, "text/plain", "late");
        });
        apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky}
                    retries: {attempts: 2, perTryTimeout: 100ms}
                """);
        MeshResponse r = call("/");
        assertThat(r.status()).isEqualTo(504);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theApplicationsOwnTimeoutEndsTheCall() throws IOException {
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            sleep(800);
            return MeshResponse.of(200, "text/plain", "late");
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> fortio().send(MeshRequest.get("http://flaky:9080/", Map.of()), Duration.ofMillis(200)))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(700));
    }

    @Test
    void circuitBreakingWithConcurrentCallers() throws Exception {
        // task "Circuit Breaking": maxConnections 1, http1MaxPendingRequests 1, maxRequestsPerConnection 1; 3 concurrent callers
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            sleep(100);
            return MeshResponse.of(200, "text/plain", "ok");
        });
        apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: flaky}
                spec:
                  host: flaky
                  trafficPolicy:
                    connectionPool:
                      tcp: {maxConnections: 1}
                      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
                """);
        ConcurrentLinkedQueue<MeshResponse> responses = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 6; i++) responses.add(call("/"));
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            callers.shutdownNow();
        }
        List<MeshResponse> overflowed = responses.stream().filter(r -> r.status() == 503).toList();
        assertThat(overflowed).as("some requests overflow").isNotEmpty();
        assertThat(responses.stream().filter(r -> r.status() == 200)).as("some get through").isNotEmpty();
        assertThat(overflowed).allSatisfy(r -> {
            assertThat(r.body()).isEqualTo("upstream connect error or disconnect/reset before headers. reset reason: overflow");
            assertThat(r.headers()).containsEntry("x-envoy-overloaded", "true");
        });
    }

    @Test
    void theCircuitBreakingTaskOnHttpbin() throws Exception {
        // Istio task "Circuit Breaking": DestinationRule httpbin as in the task, fortio with 3 concurrent connections
        backend.enableInjection();
        backend.deploy(Manifests.load(Path.of("manifests/httpbin.yaml")));
        apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: httpbin}
                spec:
                  host: httpbin
                  trafficPolicy:
                    connectionPool:
                      tcp: {maxConnections: 1}
                      http: {http1MaxPendingRequests: 1, maxRequestsPerConnection: 1}
                    outlierDetection:
                      consecutive5xxErrors: 1
                      interval: 1s
                      baseEjectionTime: 3m
                      maxEjectionPercent: 100
                """);
        ConcurrentLinkedQueue<MeshResponse> responses = new ConcurrentLinkedQueue<>();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                done.add(callers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        responses.add(backend.caller().send(MeshRequest.get("http://httpbin:8000/delay/0.05", Map.of()), Duration.ofSeconds(5)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            callers.shutdownNow();
        }
        long ok = responses.stream().filter(r -> r.status() == 200).count();
        long overflow = responses.stream().filter(r -> r.status() == 503 && "true".equals(r.headers().get("x-envoy-overloaded"))).count();
        assertThat(ok + overflow).isEqualTo(30);
        assertThat(ok).isPositive();
        assertThat(overflow).as("the task sees many 503s with 3 connections").isPositive();
        // overflows are not upstream errors: outlier detection does not eject httpbin over them
        assertThat(backend.caller().send(MeshRequest.get("http://httpbin:8000/get", Map.of()), Duration.ofSeconds(5)).status()).isEqualTo(200);
    }

    @Test
    void outlierDetectionEjectsTheFailingHost() throws IOException {
        AtomicInteger bad = new AtomicInteger();
        AtomicInteger good = new AtomicInteger();
        testPod("flaky-v1-aaaaaaaaaa-bad00", "v1", answering(500, "broken", bad));
        testPod("flaky-v1-aaaaaaaaaa-good0", "v1", answering(200, "ok", good));
        apply("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: flaky}
                spec:
                  host: flaky
                  trafficPolicy:
                    outlierDetection:
                      consecutive5xxErrors: 1
                      interval: 1s
                      baseEjectionTime: 3m
                      maxEjectionPercent: 100
                """);
        int errors = 0;
        for (int i = 0; i < 30; i++) if (call("/").status() == 500) errors++;
        assertThat(bad.get()).as("ejected after its first 500").isLessThanOrEqualTo(1);
        assertThat(errors).isEqualTo(bad.get());
        assertThat(good.get()).isEqualTo(30 - bad.get());
    }

    @Test
    void mirroringSendsACopyAndIgnoresItsAnswer() throws Exception {
        AtomicInteger primary = new AtomicInteger();
        ConcurrentLinkedQueue<String> mirroredHosts = new ConcurrentLinkedQueue<>();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", answering(200, "primary", primary));
        testPod("flaky-v2-aaaaaaaaaa-ccccc", "v2", (request, outbound) -> {
            mirroredHosts.add(request.authority());
            return MeshResponse.of(500, "text/plain", "mirror says no");
        });
        apply(FLAKY_SUBSETS + """
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky, subset: v1}
                    mirror: {host: flaky, subset: v2}
                """);
        for (int i = 0; i < 10; i++) {
            MeshResponse r = call("/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("primary");
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (mirroredHosts.size() < 10 && System.nanoTime() < deadline) sleep(20);
        assertThat(mirroredHosts).hasSize(10).allMatch(h -> h.equals("flaky:9080")); // Istio 1.28: no -shadow suffix
        assertThat(primary).hasValue(10);
    }

    @Test
    void envoysHeadersOnTheWayInAndOut() throws IOException {
        List<MeshRequest> seen = new CopyOnWriteArrayList<>();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            seen.add(request);
            return MeshResponse.of(200, "text/plain", "ok");
        });
        apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky}
                    timeout: 2s
                    headers:
                      request: {set: {x-route: flaky}}
                      response: {add: {x-mesh: embedded}}
                """);
        MeshResponse r = call("/");
        assertThat(r.headers()).containsKey("x-envoy-upstream-service-time").containsEntry("x-mesh", "embedded");
        MeshRequest in = seen.get(0);
        // a fresh UUID v4 whose version digit the tracing decision turned into 9: sampled (Envoy's uuid request-id extension)
        assertThat(in.header("x-request-id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-9[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(in.header("x-envoy-attempt-count")).isEqualTo("1");
        assertThat(in.header("x-envoy-expected-rq-timeout-ms")).isEqualTo("2000");
        assertThat(in.header("x-forwarded-proto")).isEqualTo("http");
        assertThat(in.header("x-route")).isEqualTo("flaky");
        assertThat(in.authority()).isEqualTo("flaky:9080");

        call("/", Map.of("x-request-id", "given-id"));
        assertThat(seen.get(1).header("x-request-id")).isEqualTo("given-id");
    }

    @Test
    void aRetryIsToldWhatIsLeftOfTheRouteTimeoutTheFirstTryTheWholeOfIt() throws IOException {
        // Envoy router.cc: finalTimeout writes x-envoy-expected-rq-timeout-ms with an elapsed time of 0; doRetry with the time spent
        List<MeshRequest> seen = new CopyOnWriteArrayList<>();
        testPod("flaky-v1-aaaaaaaaaa-bbbbb", "v1", (request, outbound) -> {
            seen.add(request);
            if (seen.size() > 1) return MeshResponse.of(200, "text/plain", "ok");
            sleep(300);
            return MeshResponse.of(503, "text/plain", "try again");
        });
        apply("""
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: flaky}
                spec:
                  hosts: [flaky]
                  http:
                  - route:
                    - destination: {host: flaky}
                    timeout: 2s
                    retries: {attempts: 1, retryOn: 5xx}
                """);
        assertThat(call("/").status()).isEqualTo(200);
        assertThat(seen).extracting(r -> r.header("x-envoy-attempt-count")).containsExactly("1", "2");
        assertThat(seen.get(0).header("x-envoy-expected-rq-timeout-ms")).isEqualTo("2000");
        assertThat(Long.parseLong(seen.get(1).header("x-envoy-expected-rq-timeout-ms"))).isBetween(1L, 1700L);
    }

    @Test
    void aRefusedConnectionIsRetriedAndThenReported() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        backend.mesh().registry().add(new Pod("flaky-v1-aaaaaaaaaa-gone0", "default", Map.of("app", "flaky", "version", "v1"),
                new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), closedPort)));
        MeshResponse r = call("/");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("upstream connect error or disconnect/reset before headers. retried and the latest reset reason: "
                + "remote connection failure, transport failure reason: delayed connect error: Connection refused");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
