package workbench.fortio;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import workbench.mesh.MeshRequest;
import workbench.mesh.Outbound;
import workbench.traffic.Callers;

/**
 * {@code fortio load} emulated inside the fortio pod: {@code -c} threads over the pod's way out (its sidecar), each
 * making its share of {@code -n} (the first thread takes the remainder) or calling until {@code -t} is over, at
 * {@code -qps}/c per thread (fortio's periodic runner; 0 = no pause). It prints fortio's summary lines: the
 * percentiles come from the exact call times rather than fortio's histogram buckets, so they can differ from real
 * fortio's in the last digits; the bucket table and size lines are left out.
 */
public final class LoadGenerator {
    /** fortio's -timeout default (3 s). */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final double[] PERCENTILES = {50, 75, 90, 99, 99.9};
    private static final String VERSION = "1.69.4";

    /** One call: its HTTP status (-1: no response) and how long it took, in seconds. */
    public record Call(int status, double seconds) {}

    /** The calls and fortio's text for them. */
    public record Run(List<Call> calls, String output) {
        public LoadReport report() { return LoadReport.parse(output); }
    }

    private LoadGenerator() {}

    public static Run run(Load load, Outbound fortioPod) {
        int threads = load.calls() > 0 ? Math.min(load.connections(), load.calls()) : load.connections();
        long start = System.nanoTime();
        long end = load.calls() > 0 ? Long.MAX_VALUE : start + load.duration().toNanos();
        List<Call> calls = new ArrayList<>();
        for (List<Call> part : Callers.run(threads, "fortio-load", t -> () -> {
            int share = load.calls() == 0 ? Integer.MAX_VALUE : load.calls() / threads + (t == 0 ? load.calls() % threads : 0);
            return thread(load, fortioPod, share, threads, start, end);
        })) {
            calls.addAll(part);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Run(List.copyOf(calls), text(load, threads, calls, elapsed));
    }

    private static List<Call> thread(Load load, Outbound out, int share, int threads, long start, long end) {
        double perThreadQps = load.qps() / threads;
        List<Call> calls = new ArrayList<>();
        for (int i = 0; i < share && System.nanoTime() < end; i++) {
            if (perThreadQps > 0 && i > 0) pauseUntil(start + (long) (i / perThreadQps * 1e9));
            long t0 = System.nanoTime();
            int status;
            try {
                status = out.send(MeshRequest.get(load.url(), Map.of("user-agent", "fortio.org/fortio-" + VERSION)), CALL_TIMEOUT).status();
            } catch (IOException e) {
                status = -1;
            }
            calls.add(new Call(status, (System.nanoTime() - t0) / 1e9));
        }
        return calls;
    }

    private static void pauseUntil(long nanos) {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            try {
                Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String text(Load load, int threads, List<Call> calls, Duration elapsed) {
        int gomax = Runtime.getRuntime().availableProcessors();
        StringBuilder out = new StringBuilder();
        String target = load.calls() > 0 ? load.calls() + " calls" : goDuration(load.duration());
        out.append("Fortio ").append(VERSION).append(" running at ").append(GoFloat.g(load.qps())).append(" queries per second, ")
                .append(gomax).append("->").append(gomax).append(" procs, for ").append(target).append(": ").append(load.url()).append('\n');
        out.append(load.qps() > 0 ? "Starting at " + GoFloat.g(load.qps()) + " qps" : "Starting at max qps")
                .append(" with ").append(threads).append(" thread(s) [gomax ").append(gomax).append("] ");
        if (load.calls() > 0) {
            out.append("for exactly ").append(load.calls()).append(" calls (").append(load.calls() / threads)
                    .append(" per thread + ").append(load.calls() % threads).append(")\n");
        } else {
            out.append("for ").append(goDuration(load.duration())).append('\n');
        }
        double seconds = elapsed.toNanos() / 1e9;
        double qps = calls.size() / seconds;
        out.append("Ended after ").append(goDuration(elapsed)).append(" : ").append(calls.size()).append(" calls. qps=")
                .append(GoFloat.g(qps, 5)).append('\n');
        histogram(out, "Aggregated Function Time", calls.stream().mapToDouble(Call::seconds).toArray());
        histogram(out, "Error cases", calls.stream().filter(c -> c.status() != 200).mapToDouble(Call::seconds).toArray());
        SortedMap<Integer, Long> codes = new TreeMap<>();
        for (Call c : calls) codes.merge(c.status(), 1L, Long::sum);
        codes.forEach((code, n) -> out.append(String.format(Locale.ROOT, "Code %3d : %d (%.1f %%)%n", code, n, 100.0 * n / calls.size())));
        double avgMs = calls.stream().mapToDouble(Call::seconds).average().orElse(0) * 1000;
        out.append(String.format(Locale.ROOT, "All done %d calls (plus 0 warmup) %.3f ms avg, %.1f qps%n", calls.size(), avgMs, qps));
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    private static void histogram(StringBuilder out, String name, double[] values) {
        if (values.length == 0) {
            out.append(name).append(" : no data\n");
            return;
        }
        DescriptiveStatistics s = new DescriptiveStatistics(values);
        double stddev = Math.sqrt(s.getPopulationVariance()); // fortio divides by n
        out.append(name).append(" : count ").append(values.length).append(" avg ").append(GoFloat.g(s.getMean(), 8))
                .append(" +/- ").append(GoFloat.g(stddev, 4)).append(" min ").append(GoFloat.g(s.getMin()))
                .append(" max ").append(GoFloat.g(s.getMax())).append(" sum ").append(GoFloat.g(s.getSum(), 9)).append('\n');
        for (double p : PERCENTILES) {
            out.append("# target ").append(GoFloat.g(p)).append("% ").append(GoFloat.g(s.getPercentile(p), 6)).append('\n');
        }
    }

    /** Go's time.Duration String(): "52.338ms", "1.5s", "812µs". */
    static String goDuration(Duration d) {
        long ns = d.toNanos();
        if (ns < 1_000) return ns + "ns";
        if (ns < 1_000_000) return GoFloat.g(ns / 1e3) + "µs";
        if (ns < 1_000_000_000) return GoFloat.g(ns / 1e6) + "ms";
        if (ns < 60_000_000_000L) return GoFloat.g(ns / 1e9) + "s";
        long minutes = ns / 60_000_000_000L;
        return minutes + "m" + GoFloat.g((ns % 60_000_000_000L) / 1e9) + "s";
    }
}
