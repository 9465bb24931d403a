package workbench.istio;

import workbench.manifest.Field;

/**
 * Istio percentages as Envoy receives them: parts per million. Pilot turns {@code Percent{value}} into
 * {@code FractionalPercent{numerator: uint32(value*10000), denominator: MILLION}} and the deprecated integer
 * percents into a HUNDRED denominator (pilot/pkg/networking/core/route/route.go, translatePercentToFractionalPercent).
 */
public final class Percent {
    public static final int MILLION = 1_000_000;

    private Percent() {}

    /** {@code percentage: {value: 12.5}} as parts per million (truncated, as Go's uint32 conversion does). */
    public static int partsPerMillion(Field percentage) {
        double value = percentage.has("value") ? percentage.get("value").number() : 0.0;
        return (int) (value * 10_000);
    }

    /** A deprecated integer percent (mirrorPercent, delay.percent) as parts per million. */
    public static int fromInteger(long percent) { return (int) (percent * 10_000); }
}
