package workbench.validate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Go's fmt verbs as Istio's messages use them, so that the texts come out character for character. */
final class GoText {
    private GoText() {}

    /** Go's %q for a string (strconv.Quote). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 7 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 11 -> b.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) b.append(String.format(Locale.ROOT, "\\x%02x", c));
                    else if (!printable(c)) b.append(c > 0xffff ? String.format(Locale.ROOT, "\\U%08x", c)
                            : String.format(Locale.ROOT, "\\u%04x", c));
                    else b.appendCodePoint(c);
                }
            }
        });
        return b.append('"').toString();
    }

    private static boolean printable(int c) {
        int type = Character.getType(c);
        return c < 0x80 || !(type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                || type == Character.SURROGATE || type == Character.PRIVATE_USE
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.SPACE_SEPARATOR && c != ' '));
    }

    /** Go's %v for a float64 (strconv 'g', shortest): exponent form below 1e-4 and from 1e6 on, e.g. "1e+06". */
    static String floatV(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "+Inf" : "-Inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 6) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = d.signum() < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        return d.toPlainString();
    }

    /** Go's %f: six decimals. */
    static String floatF(double v) { return String.format(Locale.ROOT, "%.6f", v); }

    /** Go's %v for a []string: "[a b]". */
    static String list(List<String> items) { return items.stream().collect(Collectors.joining(" ", "[", "]")); }
}
