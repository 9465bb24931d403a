package workbench.fortio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One {@code fortio load} as the reader types it: {@code -c} connections (threads), {@code -qps} (0: as fast as
 * possible), {@code -n} calls in all (0: run for {@code -t} instead), the URL. Fortio's flags, in fortio's
 * meaning (fortio README, "Command line arguments").
 */
public record Load(int connections, double qps, int calls, Duration duration, String url) {

    public Load {
        if (connections < 1) throw new IllegalArgumentException("-c must be at least 1 (got " + connections + ")");
        if (qps < 0) throw new IllegalArgumentException("-qps must be 0 (as fast as possible) or more (got " + fmt(qps) + ")");
        if (calls < 0) throw new IllegalArgumentException("-n must be at least 1 (got " + calls + ")");
        if (calls == 0 && (duration == null || duration.isZero() || duration.isNegative())) {
            throw new IllegalArgumentException("give -n (calls, at least 1) or a positive -t (duration)");
        }
        if (url == null || url.isBlank()) throw new IllegalArgumentException("fortio load needs a URL");
    }

    /** {@code fortio load -c C -qps Q -n N URL}: a fixed number of calls. */
    public static Load calls(int connections, double qps, int calls, String url) {
        if (calls < 1) throw new IllegalArgumentException("-n must be at least 1 (got " + calls + ")");
        return new Load(connections, qps, calls, Duration.ZERO, url);
    }

    /** {@code fortio load -c C -qps Q -t T URL}: for a while. */
    public static Load lasting(int connections, double qps, Duration t, String url) {
        return new Load(connections, qps, 0, t, url);
    }

    /** The command line, as the article shows it and a cluster runs it. */
    public List<String> command() {
        List<String> args = new ArrayList<>(List.of("fortio", "load", "-c", Integer.toString(connections), "-qps", fmt(qps)));
        if (calls > 0) args.addAll(List.of("-n", Integer.toString(calls)));
        else args.addAll(List.of("-t", duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms"));
        args.addAll(List.of("-loglevel", "Warning", url));
        return args;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
