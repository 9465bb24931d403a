package workbench.validate;

import java.math.BigInteger;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Durations the way Go's time.ParseDuration reads them ("10s", "1.5s", "1h30m", "300ms", "0"): the syntax both the
 * CRD's CEL rule {@code duration(self)} and istiod's decoder accept. A bare number other than "0" has no unit and
 * is rejected; so is "1d".
 */
final class GoDuration {
    static final long MILLISECOND = 1_000_000L;

    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L,
            "ms", MILLISECOND, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(63);

    private GoDuration() {}

    /** The duration in nanoseconds, or empty when Go's time.ParseDuration would fail. */
    static OptionalLong parse(String s) {
        String t = s;
        boolean negative = false;
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+')) {
            negative = t.charAt(0) == '-';
            t = t.substring(1);
        }
        if (t.equals("0")) return OptionalLong.of(0);
        if (t.isEmpty()) return OptionalLong.empty();
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (!(c == '.' || isDigit(c))) return OptionalLong.empty();
            int start = i;
            while (i < t.length() && isDigit(t.charAt(i))) i++;
            BigInteger whole = start == i ? BigInteger.ZERO : new BigInteger(t.substring(start, i));
            boolean pre = i > start;
            String fraction = "";
            boolean post = false;
            if (i < t.length() && t.charAt(i) == '.') {
                i++;
                int fstart = i;
                while (i < t.length() && isDigit(t.charAt(i))) i++;
                fraction = t.substring(fstart, i);
                post = i > fstart;
            }
            if (!pre && !post) return OptionalLong.empty();
            int ustart = i;
            while (i < t.length() && t.charAt(i) != '.' && !isDigit(t.charAt(i))) i++;
            if (ustart == i) return OptionalLong.empty();
            Long unit = UNITS.get(t.substring(ustart, i));
            if (unit == null) return OptionalLong.empty();
            BigInteger value = whole.multiply(BigInteger.valueOf(unit));
            if (value.compareTo(LIMIT) > 0) return OptionalLong.empty();
            if (!fraction.isEmpty()) {
                // Go scales the fraction in floating point; truncating like it does is close enough for validity.
                double f = Double.parseDouble("0." + fraction) * unit;
                value = value.add(BigInteger.valueOf((long) f));
                if (value.compareTo(LIMIT) > 0) return OptionalLong.empty();
            }
            total = total.add(value);
            if (total.compareTo(LIMIT) > 0) return OptionalLong.empty();
        }
        if (negative) return OptionalLong.of(total.negate().longValue());
        if (total.compareTo(LIMIT) >= 0) return OptionalLong.empty();
        return OptionalLong.of(total.longValue());
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
