package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import workbench.backend.PageClient;

/** The shared tunnel, without a cluster: a loopback HTTP server plays productpage at the tunnel's local end. */
class PortForwardPageClientTest {
    private HttpServer productpage;
    private final AtomicInteger served = new AtomicInteger();
    private volatile CountDownLatch holdFirst = new CountDownLatch(0);
    private final CountDownLatch firstArrived = new CountDownLatch(1);

    /** A tunnel whose health the test decides; it records being closed. */
    private static final class FakeTunnel implements PortForwardPageClient.Tunnel {
        final int port;
        final AtomicBoolean healthy = new AtomicBoolean(true);
        final AtomicBoolean closed = new AtomicBoolean();

        FakeTunnel(int port) { this.port = port; }

        @Override public int localPort() { return port; }

        @Override public boolean healthy() { return healthy.get() && !closed.get(); }

        @Override public void close() { closed.set(true); }
    }

    private final List<FakeTunnel> opened = new ArrayList<>();

    @BeforeEach
    void startProductpage() throws IOException {
        productpage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        productpage.createContext("/productpage", exchange -> {
            if (served.incrementAndGet() == 1) {
                firstArrived.countDown();
                try {
                    holdFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            byte[] body = "<h4>Reviews served by:</h4>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        productpage.setExecutor(Executors.newCachedThreadPool());
        productpage.start();
    }

    @AfterEach
    void stopProductpage() { productpage.stop(0); }

    private PortForwardPageClient.Tunnels tunnelsTo(int... ports) {
        AtomicInteger next = new AtomicInteger();
        return () -> {
            FakeTunnel t = new FakeTunnel(ports[Math.min(next.getAndIncrement(), ports.length - 1)]);
            synchronized (opened) { opened.add(t); }
            return t;
        };
    }

    private int productpagePort() { return productpage.getAddress().getPort(); }

    /** A loopback port nothing listens on: connecting there fails like a tunnel whose far end is gone. */
    private static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void concurrentSendersShareOneTunnel() throws Exception {
        try (PortForwardPageClient client = new PortForwardPageClient(tunnelsTo(productpagePort()))) {
            ExecutorService senders = Executors.newFixedThreadPool(4);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 40; i++) statuses.add(senders.submit(() -> client.get("/productpage", Map.of()).status()));
            for (Future<Integer> s : statuses) assertThat(s.get(30, TimeUnit.SECONDS)).isEqualTo(200);
            senders.shutdown();
            assertThat(client.tunnelsOpened()).isEqualTo(1);
        }
        assertThat(opened).singleElement().satisfies(t -> assertThat(t.closed).isTrue());
    }

    @Test
    void aDeadTunnelIsReplacedButClosedOnlyOnceTheSenderStillUsingItIsDone() throws Exception {
        holdFirst = new CountDownLatch(1);
        try (PortForwardPageClient client = new PortForwardPageClient(tunnelsTo(productpagePort(), productpagePort()))) {
            ExecutorService senders = Executors.newFixedThreadPool(2);
            Future<PageClient.Page> slow = senders.submit(() -> client.get("/productpage", Map.of()));
            assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
            FakeTunnel first = opened.get(0);
            first.healthy.set(false); // the port-forward reported an error while the slow request is in flight

            assertThat(client.get("/productpage", Map.of()).status()).isEqualTo(200);
            assertThat(client.tunnelsOpened()).isEqualTo(2);
            assertThat(first.closed).as("another sender is still using it").isFalse();

            holdFirst.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(first.closed).as("closed once its last user let go").isTrue();
            assertThat(opened.get(1).closed).isFalse();
            senders.shutdown();
        }
    }

    @Test
    void aRequestWithNoResponseIsRetriedOnceOnAFreshTunnelWhenItsOwnDied() throws Exception {
        int dead = deadPort();
        PortForwardPageClient.Tunnels tunnels = tunnelsTo(dead, productpagePort());
        try (PortForwardPageClient client = new PortForwardPageClient(() -> {
            PortForwardPageClient.Tunnel t = tunnels.open();
            if (t.localPort() == dead) ((FakeTunnel) t).healthy.set(false); // fabric8 flags the error once the far end refuses
            return t;
        })) {
            assertThat(client.get("/productpage", Map.of()).status()).isEqualTo(200);
            assertThat(client.tunnelsOpened()).isEqualTo(2);
            assertThat(opened.get(0).closed).isTrue();
        }
    }

    @Test
    void twoFailuresAreATransportFailureNotAPageStatus() throws Exception {
        try (PortForwardPageClient client = new PortForwardPageClient(tunnelsTo(deadPort()))) {
            assertThatThrownBy(() -> client.get("/productpage", Map.of()))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("transport failure: no HTTP response from productpage through the port-forward, twice");
            assertThat(client.tunnelsOpened()).as("the tunnel looked healthy, so the retry used it again").isEqualTo(1);
        }
    }
}
