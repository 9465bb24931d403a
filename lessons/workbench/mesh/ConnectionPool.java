package workbench.mesh;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import workbench.istio.ConnectionPoolSettings;

/**
 * One cluster's HTTP/1.1 connection pools and circuit breakers in one sidecar, following Envoy's
 * conn_pool_base.cc. The limits are cluster-wide (pilot writes 2^32-1 for anything left unset): a request
 * takes a ready connection of its host if one is idle (and then needs room under max_requests =
 * http2MaxRequests), otherwise it waits as a pending request (needs room under max_pending_requests =
 * http1MaxPendingRequests) until a connection frees up or a new one may be opened (under max_connections =
 * tcp.maxConnections; a host with no connection at all may always open one). Running out of room fails the
 * request at once with an overflow, which the router turns into 503 + {@code x-envoy-overloaded: true}. A
 * connection that served maxRequestsPerConnection requests is closed. Connecting is instant on loopback.
 * Envoy keeps one set of pools per worker thread (istio-proxy runs 2), which lets a little more through; this
 * models a single worker.
 */
public final class ConnectionPool {
    public static final long UNLIMITED = 0xFFFFFFFFL;

    public record Limits(long maxConnections, long maxPendingRequests, long maxRequests, long maxRequestsPerConnection,
                         long maxRetries) {
        public static final Limits DEFAULT = new Limits(UNLIMITED, UNLIMITED, UNLIMITED, 0, UNLIMITED);

        public static Limits of(Optional<ConnectionPoolSettings> settings) {
            if (settings.isEmpty()) return DEFAULT;
            ConnectionPoolSettings s = settings.get();
            return new Limits(positive(s.maxConnections()), positive(s.http1MaxPendingRequests()), positive(s.http2MaxRequests()),
                    Math.max(0, s.maxRequestsPerConnection()), positive(s.maxRetries()));
        }

        private static long positive(int v) { return v > 0 ? v : UNLIMITED; }
    }

    /** The circuit breaker refused the request (max_requests or max_pending_requests reached). */
    public static final class Overflow extends Exception {
        Overflow(String which) { super(which, null, false, false); }
    }

    /** The request was still waiting for a connection when its deadline passed. */
    public static final class PendingTimeout extends Exception {
        PendingTimeout() { super("timed out waiting for a connection", null, false, false); }
    }

    /**
     * Counters in the spirit of Envoy's cluster stats: {@code upstream_cx_total}, the two overflows (Envoy counts
     * both in {@code upstream_rq_pending_overflow}), {@code upstream_cx_active}, {@code upstream_cx_overflow} (a
     * pending request found the connection limit reached), {@code upstream_rq_pending_total}, {@code
     * upstream_rq_pending_active}, {@code upstream_rq_total} (requests attached to a connection), {@code upstream_rq_active}.
     */
    public record Stats(long connectionsOpened, long pendingOverflows, long requestOverflows, long connectionsActive,
                        long connectionOverflows, long pendingTotal, long pendingActive, long requestsTotal,
                        long requestsActive) {}

    private static final class Connection {
        long served;
    }

    private static final class HostPool {
        final Deque<Connection> ready = new ArrayDeque<>();
        int total;
    }

    /** One request's use of a connection; close it when the response is in. */
    public final class Lease implements AutoCloseable {
        private final HostPool pool;
        private final Connection connection;
        private boolean closed;

        private Lease(HostPool pool, Connection connection) {
            this.pool = pool;
            this.connection = connection;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) return;
                closed = true;
                requests--;
                connection.served++;
                if (limits.maxRequestsPerConnection() > 0 && connection.served >= limits.maxRequestsPerConnection()) {
                    pool.total--;
                    connections--;
                } else {
                    pool.ready.push(connection);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private final Limits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, HostPool> hosts = new HashMap<>();
    private long connections;
    private long pending;
    private long requests;
    private long retries;
    private long opened;
    private long pendingOverflows;
    private long requestOverflows;
    private long connectionOverflows;
    private long pendingTotal;
    private long requestsTotal;

    public ConnectionPool(Limits limits) { this.limits = limits; }

    public Limits limits() { return limits; }

    /**
     * A connection to {@code host} for one request, waiting as a pending request until {@code deadlineNanos}
     * ({@link Long#MAX_VALUE}: no deadline) when none is free.
     */
    public Lease acquire(String host, long deadlineNanos) throws Overflow, PendingTimeout, InterruptedException {
        lock.lock();
        try {
            HostPool pool = hosts.computeIfAbsent(host, h -> new HostPool());
            if (!pool.ready.isEmpty()) return attach(pool, pool.ready.pop());
            if (pending >= limits.maxPendingRequests()) {
                pendingOverflows++;
                throw new Overflow("max pending requests");
            }
            pending++;
            pendingTotal++;
            boolean toldOverflow = false;
            try {
                while (true) {
                    if (!pool.ready.isEmpty()) return attach(pool, pool.ready.pop());
                    if (connections < limits.maxConnections() || pool.total == 0) {
                        connections++;
                        pool.total++;
                        opened++;
                        return attach(pool, new Connection());
                    }
                    if (!toldOverflow) { // Envoy's tryCreateNewConnection found the connection breaker closed
                        connectionOverflows++;
                        toldOverflow = true;
                    }
                    if (deadlineNanos == Long.MAX_VALUE) {
                        changed.await();
                    } else {
                        long left = deadlineNanos - System.nanoTime();
                        if (left <= 0) throw new PendingTimeout();
                        changed.awaitNanos(left);
                    }
                }
            } finally {
                pending--;
            }
        } finally {
            lock.unlock();
        }
    }

    private Lease attach(HostPool pool, Connection connection) throws Overflow {
        if (requests >= limits.maxRequests()) {
            pool.ready.push(connection);
            requestOverflows++;
            throw new Overflow("max requests");
        }
        requests++;
        requestsTotal++;
        return new Lease(pool, connection);
    }

    /** Room for one more retry under max_retries (Envoy's retry circuit breaker); release with {@link #endRetry}. */
    public boolean tryStartRetry() {
        lock.lock();
        try {
            if (retries >= limits.maxRetries()) return false;
            retries++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void endRetry() {
        lock.lock();
        try {
            retries--;
        } finally {
            lock.unlock();
        }
    }

    public Stats stats() {
        lock.lock();
        try {
            return new Stats(opened, pendingOverflows, requestOverflows, connections, connectionOverflows, pendingTotal,
                    pending, requestsTotal, requests);
        } finally {
            lock.unlock();
        }
    }

}
