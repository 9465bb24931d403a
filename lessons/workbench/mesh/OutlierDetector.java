package workbench.mesh;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import workbench.istio.OutlierDetection;

/**
 * Envoy's consecutive-error outlier detection for one cluster in one sidecar (outlier_detection_impl.cc), with
 * the fields pilot copies (cluster_traffic_policy.go applyOutlierDetection):
 * <ul>
 * <li>Every upstream response code is counted per host; a 5xx bumps the 5xx counter and a 502/503/504 also the
 *     gateway counter, anything else resets both. A reset counts as 503, a timeout as 504; circuit-breaker
 *     overflows are not counted.</li>
 * <li>Reaching consecutive5xxErrors (default 5, enforced) or consecutiveGatewayErrors (default off) ejects the
 *     host at once, if that keeps the ejected share at or under maxEjectionPercent (default 10%:
 *     {@code 100 * (ejected + 1) / hosts <= max}, so small clusters need a higher maximum).</li>
 * <li>Ejected hosts leave the load balancer. Every {@code interval} (default 10s) a host ejected for at least
 *     {@code baseEjectionTime × its ejection count} (default 30s, capped at 300s) returns; the count drops again
 *     for hosts that stayed healthy for an interval.</li>
 * <li>pilot sets the panic threshold to minHealthPercent (default 0, panic off): below it all hosts are used.</li>
 * </ul>
 * Interval timers are processed lazily from the given clock, so tests can drive time.
 */
public final class OutlierDetector {
    private static final long MAX_EJECTION_NANOS = Duration.ofSeconds(300).toNanos();

    private final int consecutive5xx;
    private final boolean enforce5xx;
    private final int consecutiveGateway;
    private final boolean enforceGateway;
    private final long intervalNanos;
    private final long baseEjectionNanos;
    private final int maxEjectionPercent;
    private final int minHealthPercent;
    private final LongSupplier clock;
    private final Map<String, Monitor> monitors = new HashMap<>();
    private long nextTick;
    private int ejected;

    private static final class Monitor {
        int consecutive5xx;
        int consecutiveGateway;
        boolean ejected;
        long lastEjection;
        Long lastUnejection;
        int backoff;
        int ejections;
    }

    public OutlierDetector(OutlierDetection settings, LongSupplier nanoClock) {
        this.consecutive5xx = settings.consecutive5xxErrors().orElse(5);
        this.enforce5xx = settings.consecutive5xxErrors().orElse(5) > 0;
        this.consecutiveGateway = settings.consecutiveGatewayErrors().orElse(5);
        this.enforceGateway = settings.consecutiveGatewayErrors().orElse(0) > 0;
        this.intervalNanos = settings.interval().orElse(Duration.ofSeconds(10)).toNanos();
        this.baseEjectionNanos = settings.baseEjectionTime().orElse(Duration.ofSeconds(30)).toNanos();
        this.maxEjectionPercent = settings.maxEjectionPercent() > 0 ? Math.min(100, settings.maxEjectionPercent()) : 10;
        this.minHealthPercent = Math.max(0, settings.minHealthPercent());
        this.clock = nanoClock;
        this.nextTick = nanoClock.getAsLong() + intervalNanos;
    }

    /** The endpoints the load balancer may use now: the cluster's endpoints minus ejected ones (or all, in panic). */
    public synchronized List<Pod> available(List<Pod> endpoints) {
        track(endpoints);
        tick();
        List<Pod> healthy = endpoints.stream().filter(p -> !monitor(p).ejected).toList();
        if (minHealthPercent > 0 && !endpoints.isEmpty() && 100.0 * healthy.size() / endpoints.size() < minHealthPercent) {
            return endpoints;
        }
        return healthy;
    }

    /** An upstream response (or a reset as 503, a timeout as 504) from {@code host}. */
    public synchronized void record(Pod host, int status) {
        tick();
        Monitor m = monitor(host);
        if (status >= 500 && status < 600) {
            if (status == 502 || status == 503 || status == 504) {
                if (++m.consecutiveGateway == consecutiveGateway && !m.ejected) {
                    if (enforceGateway) eject(m);
                    m.consecutiveGateway = 0;
                }
            } else {
                m.consecutiveGateway = 0;
            }
            if (++m.consecutive5xx == consecutive5xx && !m.ejected) {
                if (enforce5xx) eject(m);
                m.consecutive5xx = 0;
            }
        } else {
            m.consecutive5xx = 0;
            m.consecutiveGateway = 0;
        }
    }

    public synchronized boolean isEjected(Pod host) {
        tick();
        Monitor m = monitors.get(host.name());
        return m != null && m.ejected;
    }

    public synchronized int ejectionsActive() {
        tick();
        return ejected;
    }

    private void eject(Monitor m) {
        int hosts = Math.max(1, monitors.size());
        double after = 100.0 * (ejected + 1) / hosts;
        if (after > maxEjectionPercent) return; // ejections_overflow
        m.ejected = true;
        m.ejections++;
        m.lastEjection = clock.getAsLong();
        ejected++;
        if ((long) m.backoff * baseEjectionNanos < MAX_EJECTION_NANOS + baseEjectionNanos) m.backoff++;
    }

    private void tick() {
        long now = clock.getAsLong();
        while (now >= nextTick) {
            long at = nextTick;
            for (Monitor m : monitors.values()) {
                if (m.ejected && Math.min(baseEjectionNanos * m.backoff, MAX_EJECTION_NANOS) <= at - m.lastEjection) {
                    m.ejected = false;
                    ejected--;
                    m.consecutive5xx = 0;
                    m.consecutiveGateway = 0;
                    m.lastUnejection = at;
                }
            }
            for (Monitor m : monitors.values()) {
                if (!m.ejected && m.lastUnejection != null && at - m.lastUnejection >= intervalNanos && m.backoff > 0) m.backoff--;
            }
            nextTick += intervalNanos;
        }
    }

    private void track(List<Pod> endpoints) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Pod p : endpoints) names.add(p.name());
        monitors.entrySet().removeIf(e -> {
            boolean gone = !names.contains(e.getKey());
            if (gone && e.getValue().ejected) ejected--;
            return gone;
        });
        for (Pod p : endpoints) monitors.computeIfAbsent(p.name(), n -> new Monitor());
    }

    private Monitor monitor(Pod p) { return monitors.computeIfAbsent(p.name(), n -> new Monitor()); }
}
