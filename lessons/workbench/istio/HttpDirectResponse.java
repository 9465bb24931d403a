package workbench.istio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import workbench.manifest.Field;

/** A route's {@code directResponse}: the status, and the body as text ({@code body.string}, or {@code body.bytes} decoded). */
public record HttpDirectResponse(int status, String body) {

    static HttpDirectResponse read(Field f) {
        int status = (int) f.required("status").integer();
        Field body = f.get("body");
        String text = "";
        if (body.has("string")) {
            text = body.text("string");
        } else if (body.has("bytes")) {
            try {
                text = new String(Base64.getDecoder().decode(body.text("bytes")), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw body.get("bytes").error("must be base64");
            }
        }
        return new HttpDirectResponse(status, text);
    }
}
