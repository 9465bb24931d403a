package workbench.istio;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.manifest.Field;

/**
 * Durations as Istio manifests write them ("format: 1h/1m/1s/1ms", istio/api destination_rule.proto):
 * Go-style sequences of a decimal number and a unit, such as {@code 2.5s}, {@code 100ms}, {@code 1m},
 * {@code 1h30m}. Whether a value is allowed (the CRD wants at least 1ms) is the validator's business.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    private Durations() {}

    public static Duration read(Field f) {
        String text = f.text().trim();
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw f.error("'" + text + "' is not a duration; write it like 100ms, 2s, 2.5s, 1m or 1h");
        }
    }

    public static Duration parse(String text) {
        if (text.equals("0")) return Duration.ZERO;
        Matcher m = PART.matcher(text);
        int at = 0;
        BigDecimal nanos = BigDecimal.ZERO;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) throw new IllegalArgumentException(text);
            nanos = nanos.add(new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1))
                    .multiply(BigDecimal.valueOf(unitNanos(m.group(2)))));
            at = m.end();
        }
        if (at == 0) throw new IllegalArgumentException(text);
        return Duration.ofNanos(nanos.longValue());
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
