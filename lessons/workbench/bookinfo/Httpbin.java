package workbench.bookinfo;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/**
 * The httpbin sample (go-httpbin) for circuit-breaking and header experiments: {@code /get},
 * {@code /headers}, {@code /status/{code}}, {@code /delay/{seconds}} (at most 10 s, as go-httpbin caps it).
 */
public final class Httpbin implements App {
    private static final Pattern STATUS = Pattern.compile("/status/(\\d{3})");
    private static final Pattern DELAY = Pattern.compile("/delay/(\\d+(?:\\.\\d+)?)");
    private static final double MAX_DELAY_SECONDS = 10;

    @Override
    public MeshResponse handle(MeshRequest request, Outbound outbound) {
        String path = request.pathWithoutQuery();
        Matcher status = STATUS.matcher(path);
        Matcher delay = DELAY.matcher(path);
        if (path.equals("/get")) return Json.ok(echo(request, true));
        if (path.equals("/headers")) return Json.ok("{\"headers\": " + headers(request) + "}");
        if (status.matches()) return MeshResponse.of(Integer.parseInt(status.group(1)), "text/plain; charset=utf-8", "");
        if (delay.matches()) {
            sleep(Math.min(MAX_DELAY_SECONDS, Double.parseDouble(delay.group(1))));
            return Json.ok(echo(request, false));
        }
        if (path.equals("/") || path.equals("/health")) return MeshResponse.of(200, "text/plain", "httpbin is up");
        return Json.notFound();
    }

    private static String echo(MeshRequest request, boolean withArgs) {
        StringBuilder json = new StringBuilder("{");
        if (withArgs) json.append("\"args\": ").append(args(request)).append(", ");
        return json.append("\"headers\": ").append(headers(request))
                .append(", \"method\": \"").append(request.method())
                .append("\", \"url\": \"http://").append(escape(request.authority())).append(escape(request.path())).append("\"}")
                .toString();
    }

    /** go-httpbin shows every header as a list of values, with canonical capitalisation. */
    private static String headers(MeshRequest request) {
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(request.headers()).forEach((k, v) -> {
            if (json.length() > 1) json.append(", ");
            json.append('"').append(canonical(k)).append("\": [\"").append(escape(v)).append("\"]");
        });
        return json.append('}').toString();
    }

    private static String args(MeshRequest request) {
        int q = request.path().indexOf('?');
        Map<String, String> args = new TreeMap<>();
        if (q >= 0) {
            for (String pair : request.path().substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                if (!kv[0].isEmpty()) args.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        StringBuilder json = new StringBuilder("{");
        args.forEach((k, v) -> {
            if (json.length() > 1) json.append(", ");
            json.append('"').append(escape(k)).append("\": [\"").append(escape(v)).append("\"]");
        });
        return json.append('}').toString();
    }

    private static String canonical(String header) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (char c : header.toCharArray()) {
            out.append(upper ? Character.toUpperCase(c) : c);
            upper = c == '-';
        }
        return out.toString();
    }

    private static String escape(String s) { return s.replace("\\", "\\\\").replace("\"", "\\\""); }

    private static void sleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
