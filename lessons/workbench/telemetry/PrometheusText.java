package workbench.telemetry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus' text exposition format 0.0.4 (prometheus.io, "Exposition formats"): one sample a line,
 * {@code name{label="value",...} value [timestamp]}; lines starting with {@code #} are comments or TYPE/HELP;
 * label values escape {@code \\}, {@code \"} and {@code \n}; values may be {@code +Inf}, {@code -Inf}, {@code NaN}.
 * The Java client only writes this format, so the reader is ours.
 */
public final class PrometheusText {
    private PrometheusText() {}

    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n", -1)) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            try {
                out.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("metrics line " + lineNo + ": " + e.getMessage() + ": " + line);
            }
        }
        return out;
    }

    private static Sample sample(String line) {
        int i = 0;
        while (i < line.length() && isNameChar(line.charAt(i))) i++;
        if (i == 0) throw new IllegalArgumentException("no metric name");
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i = labels(line, i + 1, labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length == 0 || rest[0].isEmpty()) throw new IllegalArgumentException("no value");
        if (rest.length > 2) throw new IllegalArgumentException("unexpected text after the value");
        return new Sample(name, labels, value(rest[0]));
    }

    /** Reads {@code key="value",...}} from {@code i}; returns the index after the closing brace. */
    private static int labels(String line, int i, Map<String, String> labels) {
        while (true) {
            while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) i++;
            if (i >= line.length()) throw new IllegalArgumentException("unclosed label set");
            if (line.charAt(i) == '}') return i + 1;
            int keyStart = i;
            while (i < line.length() && isNameChar(line.charAt(i))) i++;
            String key = line.substring(keyStart, i);
            if (key.isEmpty() || i >= line.length() || line.charAt(i) != '=') throw new IllegalArgumentException("bad label name at column " + (i + 1));
            i++;
            if (i >= line.length() || line.charAt(i) != '"') throw new IllegalArgumentException("label " + key + " has no quoted value");
            i++;
            StringBuilder value = new StringBuilder();
            while (true) {
                if (i >= line.length()) throw new IllegalArgumentException("unterminated value of label " + key);
                char c = line.charAt(i++);
                if (c == '"') break;
                if (c == '\\' && i < line.length()) {
                    char e = line.charAt(i++);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
        }
    }

    private static double value(String s) {
        return switch (s) {
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
