package workbench.bookinfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/**
 * Bookinfo's reviews service (Java in the sample) in its three versions: v1 shows no stars and never
 * calls ratings; v2 asks ratings with a 10 s timeout and shows black stars; v3 waits 2.5 s and shows red.
 */
public final class Reviews implements App {
    static final String RATINGS_ERROR = "Ratings service is currently unavailable";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEXTS = {
        "An extremely entertaining play by Shakespeare. The slapstick humour is refreshing!",
        "Absolutely fun and entertaining. The play lacks thematic depth when compared to other plays by Shakespeare."
    };

    private final String podName;
    private final String starColor;          // null: ratings disabled (v1)
    private final Duration ratingsTimeout;

    private Reviews(String podName, String starColor, Duration ratingsTimeout) {
        this.podName = podName;
        this.starColor = starColor;
        this.ratingsTimeout = ratingsTimeout;
    }

    public static Reviews v1(String podName) { return new Reviews(podName, null, Duration.ZERO); }

    public static Reviews v2(String podName) { return new Reviews(podName, "black", Duration.ofSeconds(10)); }

    public static Reviews v3(String podName) { return new Reviews(podName, "red", Duration.ofMillis(2500)); }

    @Override
    public MeshResponse handle(MeshRequest request, Outbound outbound) {
        String path = request.pathWithoutQuery();
        if (path.equals("/health")) return Json.ok("{\"status\": \"Reviews is healthy\"}");
        if (!path.matches("/reviews/\\d+")) return Json.notFound();
        String id = path.substring("/reviews/".length());
        JsonNode ratings = starColor == null ? null : fetchRatings(id, request, outbound);
        StringBuilder body = new StringBuilder()
                .append("{\"id\": \"").append(id).append("\",\"podname\": \"").append(podName)
                .append("\",\"clustername\": \"null\",\"reviews\": [");
        for (int i = 0; i < TEXTS.length; i++) {
            String reviewer = "Reviewer" + (i + 1);
            if (i > 0) body.append(',');
            body.append("{  \"reviewer\": \"").append(reviewer).append("\",  \"text\": \"").append(TEXTS[i]).append('"');
            if (starColor != null) body.append(", \"rating\": ").append(rating(ratings, reviewer));
            body.append('}');
        }
        return Json.ok(body.append("]}").toString());
    }

    private String rating(JsonNode ratings, String reviewer) {
        if (ratings == null || !ratings.path("ratings").has(reviewer)) return "{\"error\": \"" + RATINGS_ERROR + "\"}";
        return "{\"stars\": " + ratings.path("ratings").path(reviewer).asInt() + ", \"color\": \"" + starColor + "\"}";
    }

    /** null when ratings cannot be had (error status, timeout, refused connection): each review then says so. */
    private JsonNode fetchRatings(String id, MeshRequest incoming, Outbound outbound) {
        try {
            MeshResponse response = outbound.send(MeshRequest.get("http://ratings:9080/ratings/" + id,
                    ForwardedHeaders.copy(incoming, ForwardedHeaders.REVIEWS)), ratingsTimeout);
            return response.status() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
