package workbench.traffic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one productpage response showed a reader: which reviews version produced the reviews
 * ({@code unavailable} when the page showed its reviews error, {@code none} when no page came back)
 * and which stars it drew.
 */
public record Observation(int status, String reviews, String ratings, String podName) {
    public static final String UNAVAILABLE = "unavailable";
    public static final String NONE = "none";

    private static final Pattern SERVED_BY = Pattern.compile("Reviews served by:\\s*(?:<[^>]*>\\s*)*([a-z0-9][-a-z0-9.]*)");
    private static final Pattern VERSION = Pattern.compile("^reviews-(v\\d+)-");
    private static final Pattern STARS = Pattern.compile("text-(\\w+)-500\"[^>]*>\\s*<svg[^>]*glyphicon-star");

    /** Whether the page showed reviews from a known version ("v1"...): a page that did not is an error, not a version. */
    public boolean showedVersion() { return status == 200 && reviews.matches("v\\d+"); }

    public static Observation fromPage(int status, String html) {
        // a page that did not come back (Envoy's 503, a fault abort, a timeout) showed no reviews at all
        if (status != 200) return new Observation(status, NONE, NONE, "");
        if (html.contains("Sorry, product reviews are currently unavailable")) return new Observation(status, UNAVAILABLE, NONE, "");
        Matcher served = SERVED_BY.matcher(html);
        String pod = served.find() ? served.group(1) : "";
        Matcher version = VERSION.matcher(pod);
        String reviews = version.find() ? version.group(1) : "unknown";
        String ratings;
        if (html.contains("Ratings service is currently unavailable")) {
            ratings = UNAVAILABLE;
        } else {
            Matcher stars = STARS.matcher(html);
            ratings = stars.find() ? stars.group(1) : NONE;
        }
        return new Observation(status, reviews, ratings, pod);
    }
}
