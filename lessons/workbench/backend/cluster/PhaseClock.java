package workbench.backend.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** How long each phase of a backend's life took (cluster start, Istio install, deploy, ...), for the run stamp. */
public final class PhaseClock {
    private final Map<String, Duration> phases = new LinkedHashMap<>();

    public synchronized void record(String phase, Duration took) {
        phases.merge(phase, took, Duration::plus);
    }

    public <T> T time(String phase, Supplier<T> work) {
        long t0 = System.nanoTime();
        try {
            return work.get();
        } finally {
            record(phase, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    public void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    /** "time: k3s start" → "41.3 s", in the order the phases first ran. */
    public synchronized LinkedHashMap<String, String> stampEntries() {
        LinkedHashMap<String, String> out = new LinkedHashMap<>();
        phases.forEach((k, v) -> out.put("time: " + k, format(v)));
        return out;
    }

    static String format(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
