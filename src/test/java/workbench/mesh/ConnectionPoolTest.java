package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Envoy's HTTP/1.1 pool and circuit breakers (conn_pool_base.cc newStreamImpl / tryCreateNewConnection / attachStreamToClient). */
class ConnectionPoolTest {
    static final long NO_DEADLINE = Long.MAX_VALUE;

    static ConnectionPool pool(long maxConnections, long maxPending, long maxRequests, long perConnection) {
        return new ConnectionPool(new ConnectionPool.Limits(maxConnections, maxPending, maxRequests, perConnection, ConnectionPool.UNLIMITED));
    }

    @Test
    void theCircuitBreakingTaskLimitsLetOneRequestRunAndOneWait() throws Exception {
        // Istio circuit-breaking task: maxConnections 1, http1MaxPendingRequests 1, maxRequestsPerConnection 1
        ConnectionPool pool = pool(1, 1, ConnectionPool.UNLIMITED, 1);
        ConnectionPool.Lease first = pool.acquire("httpbin-1", NO_DEADLINE);
        CompletableFuture<ConnectionPool.Lease> second = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire("httpbin-1", NO_DEADLINE);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertThat(second).isNotDone(); // pending: no room for a second connection
        assertThatThrownBy(() -> pool.acquire("httpbin-1", NO_DEADLINE))
                .isInstanceOf(ConnectionPool.Overflow.class).hasMessage("max pending requests");
        first.close();
        second.get(2, TimeUnit.SECONDS).close();
        // every request closed its connection after one use, so each opened a new one
        assertThat(pool.stats().connectionsOpened()).isEqualTo(2);
        assertThat(pool.stats().pendingOverflows()).isEqualTo(1);
    }

    @Test
    void idleConnectionsAreReusedWithoutALimitPerConnection() throws Exception {
        ConnectionPool pool = pool(1, 1, ConnectionPool.UNLIMITED, 0);
        for (int i = 0; i < 5; i++) pool.acquire("a", NO_DEADLINE).close();
        assertThat(pool.stats().connectionsOpened()).isEqualTo(1);
    }

    @Test
    void aHostWithoutConnectionsMayAlwaysOpenOne() throws Exception {
        ConnectionPool pool = pool(1, 1, ConnectionPool.UNLIMITED, 0);
        ConnectionPool.Lease a = pool.acquire("a", NO_DEADLINE);
        ConnectionPool.Lease b = pool.acquire("b", NO_DEADLINE); // over max_connections, but b's pool is empty
        assertThat(pool.stats().connectionsActive()).isEqualTo(2);
        a.close();
        b.close();
    }

    @Test
    void maxRequestsOverflowsEvenWithAnIdleConnection() throws Exception {
        ConnectionPool pool = pool(ConnectionPool.UNLIMITED, ConnectionPool.UNLIMITED, 1, 0);
        pool.acquire("a", NO_DEADLINE).close();           // leaves an idle connection to a
        ConnectionPool.Lease busy = pool.acquire("b", NO_DEADLINE);
        assertThatThrownBy(() -> pool.acquire("a", NO_DEADLINE)).isInstanceOf(ConnectionPool.Overflow.class).hasMessage("max requests");
        busy.close();
        pool.acquire("a", NO_DEADLINE).close();
        assertThat(pool.stats().requestOverflows()).isEqualTo(1);
    }

    @Test
    void aPendingRequestGivesUpAtItsDeadline() throws Exception {
        ConnectionPool pool = pool(1, 1, ConnectionPool.UNLIMITED, 0);
        ConnectionPool.Lease held = pool.acquire("a", NO_DEADLINE);
        long start = System.nanoTime();
        assertThatThrownBy(() -> pool.acquire("a", System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100)))
                .isInstanceOf(ConnectionPool.PendingTimeout.class);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        held.close();
    }

    @Test
    void unsetLimitsAreEnvoysMaximum() {
        assertThat(ConnectionPool.Limits.of(java.util.Optional.empty())).isEqualTo(ConnectionPool.Limits.DEFAULT);
        assertThat(ConnectionPool.Limits.DEFAULT.maxRequests()).isEqualTo(4294967295L);
    }

    @Test
    void retriesHaveTheirOwnBreaker() {
        ConnectionPool pool = new ConnectionPool(new ConnectionPool.Limits(9, 9, 9, 0, 1));
        assertThat(pool.tryStartRetry()).isTrue();
        assertThat(pool.tryStartRetry()).isFalse();
        pool.endRetry();
        assertThat(pool.tryStartRetry()).isTrue();
    }
}
