package workbench.bookinfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/**
 * Bookinfo's productpage (Python in the sample): calls details once and reviews up to twice, each with
 * a 3 s timeout, and renders one HTML page that always answers 200, showing an error text for any
 * service it could not reach. A logged-in user's name goes to reviews as {@code end-user}.
 */
public final class ProductPage implements App {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    static final int REVIEWS_TRIES = 2;
    private static final String REVIEWS_URL = "http://reviews:9080/reviews/0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCTS = "[{\"id\": 0, \"title\": \"The Comedy of Errors\", \"descriptionHtml\": "
            + "\"<a href=\\\"https://en.wikipedia.org/wiki/The_Comedy_of_Errors\\\">Wikipedia Summary</a>: "
            + "The Comedy of Errors is one of <b>William Shakespeare's</b> early plays. It is his shortest and one of his "
            + "most farcical comedies, with a major part of the humour coming from slapstick and mistaken identity, "
            + "in addition to puns and word play.\"}]";

    @Override
    public MeshResponse handle(MeshRequest request, Outbound outbound) {
        String path = request.pathWithoutQuery();
        return switch (path) {
            case "/health" -> MeshResponse.of(200, "text/plain", "Product page is healthy");
            case "/productpage" -> productPage(request, outbound);
            case "/login" -> login(request);
            case "/logout" -> logout(request);
            case "/api/v1/products" -> Json.ok(PRODUCTS);
            default -> api(path, request, outbound);
        };
    }

    private MeshResponse productPage(MeshRequest request, Outbound outbound) {
        Optional<String> user = Session.user(request);
        Map<String, String> headers = upstreamHeaders(request);
        Call details = call(outbound, "http://details:9080/details/0", headers, 1);
        Call reviews = call(outbound, REVIEWS_URL, headers, REVIEWS_TRIES);
        return MeshResponse.of(200, "text/html; charset=utf-8", ProductPageHtml.render(user, details.json, reviews.json));
    }

    /** The call to reviews that a request for the product page makes (the first of up to two tries). */
    public static MeshRequest reviewsRequest(MeshRequest pageRequest) {
        return MeshRequest.get(REVIEWS_URL, upstreamHeaders(pageRequest));
    }

    /** The headers productpage sends upstream: the tracing and identity ones it copies, and end-user when logged in. */
    private static Map<String, String> upstreamHeaders(MeshRequest request) {
        Map<String, String> headers = ForwardedHeaders.copy(request, ForwardedHeaders.PRODUCTPAGE);
        Session.user(request).ifPresent(u -> headers.put("end-user", u));
        return headers;
    }

    private MeshResponse api(String path, MeshRequest request, Outbound outbound) {
        Map<String, String> headers = ForwardedHeaders.copy(request, ForwardedHeaders.PRODUCTPAGE);
        Session.user(request).ifPresent(u -> headers.put("end-user", u));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/api/v1/products/(\\d+)(/reviews|/ratings)?").matcher(path);
        if (!m.matches()) return Json.notFound();
        String id = m.group(1);
        String what = m.group(2) == null ? "details" : m.group(2).substring(1);
        Call c = call(outbound, "http://" + what + ":9080/" + what + "/" + id, headers, what.equals("reviews") ? REVIEWS_TRIES : 1);
        return c.json != null ? Json.ok(c.body)
                : Json.of(c.status, "{\"error\": \"Sorry, product " + what + " are currently unavailable for this book.\"}");
    }

    /** The sample's login form posts {@code username} (and an ignored {@code passwd}); the user is sent back where they came from. */
    private MeshResponse login(MeshRequest request) {
        if (!request.method().equals("POST")) return MeshResponse.of(405, "text/html", "Method Not Allowed");
        String user = formValue(request.body(), "username");
        return new MeshResponse(302, Map.of("location", backTo(request), "set-cookie", Session.cookieFor(user)), "");
    }

    /** Flask's {@code session.pop('user')} fails without a logged-in user: the sample answers 500 then. */
    private MeshResponse logout(MeshRequest request) {
        if (Session.user(request).isEmpty()) return MeshResponse.of(500, "text/html", "Internal Server Error");
        return new MeshResponse(302, Map.of("location", backTo(request), "set-cookie", "session=; Max-Age=0; Path=/"), "");
    }

    /** {@code redirect(request.referrer)}; without a Referer the emulator sends the user to the product page. */
    private static String backTo(MeshRequest request) {
        String referer = request.header("referer");
        return referer == null || referer.isEmpty() ? "/productpage" : referer;
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name) && kv.length == 2) return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
        }
        return "";
    }

    /** The result of calling one upstream: its parsed JSON when it answered 200, else the status to report. */
    private record Call(JsonNode json, String body, int status) {}

    private static Call call(Outbound outbound, String url, Map<String, String> headers, int tries) {
        Call last = new Call(null, "", 500);
        for (int i = 0; i < tries; i++) {
            try {
                MeshResponse r = outbound.send(MeshRequest.get(url, new LinkedHashMap<>(headers)), CALL_TIMEOUT);
                if (r.status() == 200) return new Call(JSON.readTree(r.body()), r.body(), 200);
                last = new Call(null, r.body(), r.status());
            } catch (IOException e) {
                last = new Call(null, "", 500); // timeout or refused: the sample reports 500
            }
        }
        return last;
    }
}
