package workbench.fortio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code fortio load} reports, read from its text: calls made, achieved qps, the call-time summary (seconds),
 * the target percentiles and the count per HTTP code (fortio's {@code -1} for a call that got no response).
 * The same reader takes the real fortio's output on a cluster and the emulator's. Formats, from fortio's
 * periodic.go and stats.go: {@code Ended after %v : %d calls. qps=%.5g}, {@code Aggregated Function Time : count %d
 * avg %.8g +/- %.4g min %g max %g sum %.9g}, {@code # target %g%% %.6g}, {@code Code %3d : %d (%.1f %%)}.
 */
public record LoadReport(long calls, double qps, double min, double avg, double max,
                         Map<String, Double> percentiles, SortedMap<Integer, Long> codes) {

    private static final Pattern ENDED = Pattern.compile("(?m)^Ended after \\S+ : (\\d+) calls\\. qps=([0-9.eE+-]+)");
    private static final Pattern FUNCTION_TIME = Pattern.compile(
            "(?m)^Aggregated Function Time : count (\\d+) avg ([0-9.eE+-]+) \\+/- \\S+ min ([0-9.eE+-]+) max ([0-9.eE+-]+) sum \\S+");
    private static final Pattern TARGET = Pattern.compile("(?m)^# target ([0-9.]+)% ([0-9.eE+-]+)");
    private static final Pattern CODE = Pattern.compile("(?m)^Code\\s+(-?\\d+) : (\\d+)");
    private static final Pattern ERROR_CASES = Pattern.compile("(?m)^Error cases ");

    public LoadReport {
        percentiles = Collections.unmodifiableMap(new LinkedHashMap<>(percentiles));
        codes = Collections.unmodifiableSortedMap(new TreeMap<>(codes));
    }

    /** The calls that got {@code code}. */
    public long count(int code) { return codes.getOrDefault(code, 0L); }

    /** Reads fortio's output; a line it needs that is missing is an error naming it. */
    public static LoadReport parse(String text) {
        Matcher ended = ENDED.matcher(text);
        if (!ended.find()) throw new IllegalArgumentException("fortio output has no 'Ended after … calls. qps=…' line");
        Matcher time = FUNCTION_TIME.matcher(text);
        if (!time.find()) throw new IllegalArgumentException("fortio output has no 'Aggregated Function Time' line");
        // the error-case histogram prints its own targets: only those before it belong to all calls
        Matcher errors = ERROR_CASES.matcher(text);
        int end = errors.find(time.end()) ? errors.start() : text.length();
        Map<String, Double> percentiles = new LinkedHashMap<>();
        Matcher target = TARGET.matcher(text).region(time.end(), end);
        while (target.find()) percentiles.put(target.group(1), Double.parseDouble(target.group(2)));
        SortedMap<Integer, Long> codes = new TreeMap<>();
        Matcher code = CODE.matcher(text);
        while (code.find()) codes.merge(Integer.parseInt(code.group(1)), Long.parseLong(code.group(2)), Long::sum);
        return new LoadReport(Long.parseLong(ended.group(1)), Double.parseDouble(ended.group(2)),
                Double.parseDouble(time.group(3)), Double.parseDouble(time.group(2)), Double.parseDouble(time.group(4)),
                percentiles, codes);
    }

    /** The lines the article quotes: the code lines, min/avg/max (seconds) and the target percentiles, in fortio's number form. */
    public java.util.List<String> summaryLines() {
        java.util.List<String> lines = new java.util.ArrayList<>(codeLines());
        lines.add("min " + GoFloat.g(min) + " / avg " + GoFloat.g(avg) + " / max " + GoFloat.g(max) + " (s)");
        percentiles.forEach((p, v) -> lines.add("# target " + p + "% " + GoFloat.g(v)));
        return lines;
    }

    /** fortio's own lines for the codes, as the article quotes them: {@code Code 200 : 17 (85.0 %)}. */
    public java.util.List<String> codeLines() {
        return codes.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "Code %3d : %d (%.1f %%)",
                e.getKey(), e.getValue(), 100.0 * e.getValue() / Math.max(1, calls))).toList();
    }
}
