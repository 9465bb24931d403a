package workbench.mesh;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import workbench.istio.HttpFault;
import workbench.istio.Percent;

/**
 * The caller-side fault filter (runs before the router, so its delay is not part of the route timeout and
 * its abort is never retried): the delay is decided first, then the abort, each with Envoy's fractional-percent
 * test {@code random % 1,000,000 < numerator}. An abort answers with its status and the body
 * {@code fault filter abort} (response flags DI / FI).
 */
public final class FaultInjector {
    public static final String ABORT_BODY = "fault filter abort";

    private FaultInjector() {}

    public record Decision(Duration delay, OptionalInt abortStatus) {
        public static final Decision NONE = new Decision(Duration.ZERO, OptionalInt.empty());

        public boolean aborts() { return abortStatus.isPresent(); }
    }

    public static Decision decide(Optional<HttpFault> fault, RandomGenerator random) {
        if (fault.isEmpty()) return Decision.NONE;
        Duration delay = Duration.ZERO;
        if (fault.get().delay().isPresent() && enabled(fault.get().delay().get().partsPerMillion(), random)) {
            delay = fault.get().delay().get().fixedDelay();
        }
        OptionalInt abort = OptionalInt.empty();
        if (fault.get().abort().isPresent() && enabled(fault.get().abort().get().partsPerMillion(), random)) {
            abort = OptionalInt.of(fault.get().abort().get().httpStatus());
        }
        return new Decision(delay, abort);
    }

    /** Envoy's featureEnabled for a FractionalPercent with a MILLION denominator; 0% draws nothing. */
    static boolean enabled(int partsPerMillion, RandomGenerator random) {
        if (partsPerMillion <= 0) return false;
        if (partsPerMillion >= Percent.MILLION) return true;
        return random.nextInt(Percent.MILLION) < partsPerMillion;
    }
}
