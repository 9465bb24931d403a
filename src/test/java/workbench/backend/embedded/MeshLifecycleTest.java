package workbench.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import workbench.manifest.Document;
import workbench.manifest.Manifests;
import workbench.traffic.Probe;

/**
 * Closing a mesh frees what it took: its pods' ports, the sockets of its pooled connections, and its threads
 * (pod servers, pod workers, mirror senders, the idle-connection evictor). Fifty meshes that each served traffic
 * (with a mirror, so the mirror senders ran) leave the process as they found it.
 */
class MeshLifecycleTest {
    private static final List<Document> BOOKINFO = Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml"));
    private static final List<Document> CANARY_WITH_MIRROR = Manifests.load(Path.of("manifests/reviews-destination-rule.yaml"),
            Path.of("src/test/resources/embedded/reviews-canary-mirror.yaml"));

    @Test
    void fiftyMeshesStartedAndClosedLeaveNoThreadPortOrSocketBehind() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "counting open sockets needs /proc (Linux)");
        startServeAndClose(); // loads the classes and starts the JVM's own lazy threads before the baseline
        int threadsBefore = liveThreads();
        long socketsBefore = openSockets();

        List<InetSocketAddress> ports = new ArrayList<>();
        for (int i = 0; i < 50; i++) ports.addAll(startServeAndClose());

        assertThat(ports).hasSize(50 * 6); // productpage, details, ratings, reviews v1-v3 (fortio only calls)
        assertThat(ports).noneMatch(MeshLifecycleTest::accepts);
        awaitAtMost(5_000, () -> liveThreads() <= threadsBefore && openSockets() <= socketsBefore);
        assertThat(liveThreads()).as("live threads after 50 meshes (before: %d)", threadsBefore).isLessThanOrEqualTo(threadsBefore);
        assertThat(openSockets()).as("open sockets after 50 meshes (before: %d)", socketsBefore).isLessThanOrEqualTo(socketsBefore);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("HTTP-listener") || n.startsWith("HTTP-worker") // pods' servers (HttpCore)
                        || n.startsWith("mesh-mirror") || n.startsWith("HTTP-Dispatcher")); // metrics endpoints (the JDK's server)
    }

    /** One mesh with Bookinfo that serves some pages, then closes; returns its pods' addresses. */
    private static List<InetSocketAddress> startServeAndClose() {
        try (EmbeddedBackend mesh = new EmbeddedBackend(1, "default")) {
            mesh.enableInjection();
            mesh.deploy(BOOKINFO);
            mesh.apply(CANARY_WITH_MIRROR);
            assertThat(Probe.bulk(mesh.productPage(), "/productpage", Map.of(), 20, 4).byStatus()).containsOnlyKeys("200");
            assertThat(mesh.mesh().connectionsOpened()).isPositive();
            return mesh.mesh().registry().pods().stream().filter(p -> p.address() != null).map(p -> p.address()).toList();
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int liveThreads() { return Thread.activeCount(); }

    /** Sockets this process holds open (listening or connected): the file descriptors that are sockets. */
    private static long openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitAtMost(long millis, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) Thread.sleep(50);
    }
}
