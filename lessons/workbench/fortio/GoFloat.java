package workbench.fortio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Go's {@code %g} and {@code %.Ng} for the numbers fortio prints, so the emulated summary reads as fortio's. */
final class GoFloat {
    private GoFloat() {}

    /** {@code %.Ng}: N significant digits, trailing zeros dropped, exponent form when the exponent is below -4 or at least N. */
    static String g(double v, int precision) {
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return render(d, precision);
    }

    /** {@code %g}: the shortest representation that reads back as the same double. */
    static String g(double v) {
        if (v == 0) return "0";
        BigDecimal d = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        return render(d, 21);
    }

    private static String render(BigDecimal d, int exponentLimit) {
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= exponentLimit) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = d.signum() < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return d.toPlainString();
    }
}
