package workbench.backend.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import workbench.backend.BackendException;

/**
 * Polls a condition until it holds or its timeout passes. A timeout fails with what was waited for,
 * the last thing still missing, what to do, and diagnostics gathered at that moment (events, logs).
 * A check may throw {@link BackendException} itself for a state that waiting cannot fix.
 */
public final class Waiter {

    /** Time as the waiter sees it; tests pass a fake one. */
    public interface Clock {
        long nanos();

        void sleep(Duration d) throws InterruptedException;
    }

    /**
     * One wait.
     *
     * @param what        what is waited for, e.g. "the istiod Deployment in istio-system to be ready"
     * @param pending     empty once the condition holds, else what is still missing
     * @param whatToDo    advice printed when the wait times out
     * @param diagnostics gathered only on timeout: events and log tails that explain it
     */
    public record Wait(String what, Duration timeout, Supplier<Optional<String>> pending, String whatToDo,
                       Supplier<String> diagnostics) {}

    private static final Clock SYSTEM = new Clock() {
        @Override public long nanos() { return System.nanoTime(); }

        @Override public void sleep(Duration d) throws InterruptedException { Thread.sleep(d.toMillis()); }
    };

    private final Clock clock;
    private final Duration interval;
    /** Every wait that ended well, by what was waited for: how long in all and how often. */
    private final Map<String, Duration> waited = new LinkedHashMap<>();
    private final Map<String, Integer> times = new LinkedHashMap<>();

    public Waiter(Clock clock, Duration interval) {
        this.clock = clock;
        this.interval = interval;
    }

    public static Waiter real() { return new Waiter(SYSTEM, Duration.ofSeconds(1)); }

    public static Waiter real(Duration interval) { return new Waiter(SYSTEM, interval); }

    /** Returns how long the wait took. */
    public Duration until(Wait w) {
        long start = clock.nanos();
        long deadline = start + w.timeout().toNanos();
        String last = "nothing observed yet";
        while (true) {
            Optional<String> pending;
            try {
                pending = w.pending().get();
            } catch (BackendException e) {
                throw new BackendException("Stopped waiting for " + w.what() + ": " + e.getMessage()
                        + diagnosticsOf(w), e);
            } catch (RuntimeException e) {
                // an API call that failed once (connection reset, apiserver restarting) is a state, not a verdict
                pending = Optional.of("could not check (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            }
            if (pending.isEmpty()) {
                Duration took = Duration.ofNanos(clock.nanos() - start);
                recordWaited(w.what(), took);
                return took;
            }
            last = pending.get();
            if (clock.nanos() >= deadline) {
                throw new BackendException("Timed out after " + human(w.timeout()) + " waiting for " + w.what() + ".\n"
                        + "Still missing: " + last + "\n"
                        + "What to do: " + w.whatToDo() + diagnosticsOf(w));
            }
            try {
                clock.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendException("Interrupted while waiting for " + w.what() + " (still missing: " + last + ")", e);
            }
        }
    }

    private synchronized void recordWaited(String what, Duration took) {
        waited.merge(what, took, Duration::plus);
        times.merge(what, 1, Integer::sum);
    }

    /** "waited: the istiod Deployment in istio-system to be ready" → "12.3 s" (or "4.1 s over 3 waits"), in first-wait order. */
    public synchronized LinkedHashMap<String, String> stampEntries() {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        waited.forEach((what, took) -> out.put("waited: " + what, PhaseClock.format(took)
                + (times.get(what) > 1 ? " over " + times.get(what) + " waits" : "")));
        return out;
    }

    private static String diagnosticsOf(Wait w) {
        if (w.diagnostics() == null) return "";
        try {
            String d = w.diagnostics().get();
            return d == null || d.isBlank() ? "" : "\n" + d.stripTrailing();
        } catch (RuntimeException e) {
            return "\n(could not gather diagnostics: " + e.getMessage() + ")";
        }
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) return s + " s";
        return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
    }
}
