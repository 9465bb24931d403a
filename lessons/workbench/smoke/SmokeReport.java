package workbench.smoke;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.lesson.Check;
import workbench.lesson.LessonResult;

/**
 * The short text a person with Docker pastes into a bug report after {@code jbang smoke@catalog}: versions,
 * phase timings, what the workbench waited for, and the result. Pure: built from what the run printed, its
 * result, and the run stamp of the article it wrote.
 */
public final class SmokeReport {
    private static final Pattern STEP_LINE = Pattern.compile("^\\[(\\d+/\\d+)] (.*) \\.\\.\\. (\\d+\\.\\d+ s|error)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\|(.*?) \\|(.*)$");

    private SmokeReport() {}

    /**
     * @param versions  what ran where (workbench, Java, OS, Docker), in display order
     * @param console   everything the lesson printed
     * @param articleAdoc the AsciiDoc source of the article the run wrote ("" when none was written)
     */
    public static String build(Map<String, String> versions, String console, LessonResult result, String articleAdoc) {
        Map<String, String> stamp = stampRows(articleAdoc);
        StringBuilder b = new StringBuilder("### istio-workbench smoke report (lesson03 on k3s)\n\n");
        b.append("result: ").append(verdict(result)).append('\n');
        b.append("\nversions:\n");
        versions.forEach((k, v) -> b.append("  ").append(k).append(": ").append(v).append('\n'));
        for (String key : List.of("k3s image", "kubernetes", "istio")) {
            if (stamp.containsKey(key)) b.append("  ").append(key).append(": ").append(stamp.get(key)).append('\n');
        }
        b.append("\nphase timings:\n");
        stamp.forEach((k, v) -> {
            if (k.startsWith("time: ")) b.append("  ").append(k.substring(6)).append(": ").append(v).append('\n');
        });
        for (String[] step : steps(console)) b.append("  step ").append(step[0]).append(' ').append(step[1]).append(": ").append(step[2]).append('\n');
        b.append("\nwaited for:\n");
        boolean any = false;
        for (Map.Entry<String, String> e : stamp.entrySet()) {
            if (!e.getKey().startsWith("waited: ")) continue;
            b.append("  ").append(e.getKey().substring(8)).append(": ").append(e.getValue()).append('\n');
            any = true;
        }
        if (!any) b.append("  (nothing recorded: the cluster did not get that far)\n");
        List<Check> failed = result.checks().stream().filter(c -> !c.passed()).toList();
        if (!failed.isEmpty()) {
            b.append("\nfailed checks:\n");
            failed.forEach(c -> b.append("  ").append(c.claim()).append(" — ").append(c.observed()).append('\n'));
        }
        if (result.error() != null) b.append("\nerror:\n  ").append(result.error().replace("\n", "\n  ")).append('\n');
        return b.toString();
    }

    static String verdict(LessonResult r) {
        long failed = r.checks().stream().filter(c -> !c.passed()).count();
        return switch (r.exitCode()) {
            case LessonResult.PASSED -> "PASSED (exit 0), " + r.checks().size() + " checks";
            case LessonResult.CHECK_FAILED -> "FAILED (exit 1), " + failed + " of " + r.checks().size() + " checks failed";
            default -> "ERROR (exit " + r.exitCode() + "), " + r.checks().size() + " checks made before it stopped";
        };
    }

    /** The step lines the runner printed: position, title, seconds (or "error"). */
    static List<String[]> steps(String console) {
        List<String[]> out = new ArrayList<>();
        for (String line : console.split("\n")) {
            Matcher m = STEP_LINE.matcher(line.strip());
            if (m.matches()) out.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return out;
    }

    /** The rows of the article's run stamp table ("|key |value"), in order; cells escape '|' as "\|". */
    static Map<String, String> stampRows(String adoc) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : adoc.split("\n")) {
            Matcher m = TABLE_ROW.matcher(line);
            if (m.matches()) rows.putIfAbsent(m.group(1).replace("\\|", "|").strip(), m.group(2).replace("\\|", "|").strip());
        }
        return rows;
    }
}
