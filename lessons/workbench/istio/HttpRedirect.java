package workbench.istio;

import java.util.OptionalInt;
import workbench.manifest.Field;

/** A route's {@code redirect} (HTTPRedirect); redirectCode 0 means the default 301. */
public record HttpRedirect(String uri, String authority, OptionalInt port, String derivePort, String scheme, int redirectCode) {

    static HttpRedirect read(Field f) {
        return new HttpRedirect(
                f.optText("uri").orElse(""),
                f.optText("authority").orElse(""),
                f.has("port") ? OptionalInt.of((int) f.get("port").integer()) : OptionalInt.empty(),
                f.optText("derivePort").orElse(""),
                f.optText("scheme").orElse(""),
                (int) f.optInteger("redirectCode").orElse(0L).longValue());
    }
}
