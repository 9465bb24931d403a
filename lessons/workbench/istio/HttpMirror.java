package workbench.istio;

import java.util.ArrayList;
import java.util.List;
import workbench.manifest.Field;

/**
 * One mirror of a route: where the copy goes and how often, in parts per million. Unset means 100%;
 * an explicit 0 means "never", and such a mirror is dropped (route.go MirrorPercent / MirrorPercentByPolicy).
 */
public record HttpMirror(Destination destination, int partsPerMillion) {

    /** The legacy {@code mirror} (+ mirrorPercentage / mirrorPercent) first, then each of {@code mirrors}, as pilot orders them. */
    static List<HttpMirror> readAll(Field route) {
        List<HttpMirror> out = new ArrayList<>();
        if (route.has("mirror")) {
            int ppm;
            if (route.has("mirrorPercentage")) ppm = Percent.partsPerMillion(route.get("mirrorPercentage"));
            else if (route.has("mirrorPercent")) ppm = Percent.fromInteger(route.get("mirrorPercent").integer());
            else ppm = Percent.MILLION;
            if (ppm > 0) out.add(new HttpMirror(Destination.read(route.get("mirror")), ppm));
        }
        for (Field m : route.list("mirrors")) {
            if (!m.has("destination")) continue;
            int ppm = m.has("percentage") ? Percent.partsPerMillion(m.get("percentage")) : Percent.MILLION;
            if (ppm > 0) out.add(new HttpMirror(Destination.read(m.get("destination")), ppm));
        }
        return out;
    }
}
