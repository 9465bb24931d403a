package workbench.istio;

import java.time.Duration;
import java.util.Optional;
import workbench.manifest.Field;

/**
 * A route's {@code fault} as pilot translates it (route.go TranslateFault): percentages become parts per
 * million; an omitted percentage is 0 (nothing injected); an exponentialDelay is dropped (not supported),
 * and so is a gRPC-status abort here (the emulator speaks HTTP only).
 */
public record HttpFault(Optional<Delay> delay, Optional<Abort> abort) {

    public record Delay(Duration fixedDelay, int partsPerMillion) {}

    public record Abort(int httpStatus, int partsPerMillion) {}

    static HttpFault read(Field f) {
        Optional<Delay> delay = Optional.empty();
        Field d = f.get("delay");
        if (d.isPresent() && d.has("fixedDelay")) {
            int ppm = d.has("percentage") ? Percent.partsPerMillion(d.get("percentage"))
                    : Percent.fromInteger(d.optInteger("percent").orElse(0L));
            delay = Optional.of(new Delay(Durations.read(d.get("fixedDelay")), ppm));
        }
        Optional<Abort> abort = Optional.empty();
        Field a = f.get("abort");
        if (a.isPresent() && a.has("httpStatus")) {
            int ppm = a.has("percentage") ? Percent.partsPerMillion(a.get("percentage")) : 0;
            abort = Optional.of(new Abort((int) a.get("httpStatus").integer(), ppm));
        }
        return new HttpFault(delay, abort);
    }
}
