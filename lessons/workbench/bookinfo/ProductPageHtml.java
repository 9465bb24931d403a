package workbench.bookinfo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The product page's HTML. The markup is the emulator's own; the parts a reader or a probe looks for
 * are the sample's: the title, "Reviews served by:" with the pod name in every review, stars as
 * {@code glyphicon-star} icons inside a {@code text-black-500}/{@code text-red-500} block, and the error texts.
 */
final class ProductPageHtml {
    static final String DETAILS_ERROR = "Sorry, product details are currently unavailable for this book.";
    static final String REVIEWS_ERROR = "Sorry, product reviews are currently unavailable for this book.";

    private ProductPageHtml() {}

    static String render(Optional<String> user, JsonNode details, JsonNode reviews) {
        StringBuilder html = new StringBuilder(4096)
                .append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>Simple Bookstore App</title>\n</head>\n<body>\n")
                .append("<nav><a href=\"#\">BookInfo Sample</a> ")
                .append(user.map(u -> "<p class=\"user\">" + escape(u) + "</p> <a href=\"logout\">Sign out</a>")
                        .orElse("<button type=\"button\" id=\"sign-in-button\">Sign in</button>"))
                .append("</nav>\n<h1>The Comedy of Errors</h1>\n");
        appendDetails(html, details);
        appendReviews(html, reviews);
        return html.append("</body>\n</html>\n").toString();
    }

    private static void appendDetails(StringBuilder html, JsonNode details) {
        if (details == null) {
            html.append("<p class=\"text-2xl text-red-500\">Error fetching product details</p>\n")
                .append("<p class=\"text-lg text-gray-600\">").append(DETAILS_ERROR).append("</p>\n");
            return;
        }
        html.append("<h4>Book Details</h4>\n<table>\n");
        for (String key : new String[] {"ISBN-10", "publisher", "pages", "type", "language"}) {
            html.append("<tr><th>").append(key).append("</th><td>").append(escape(details.path(key).asText())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void appendReviews(StringBuilder html, JsonNode reviews) {
        if (reviews == null) {
            html.append("<p class=\"text-2xl text-red-500\">Error fetching product reviews</p>\n")
                .append("<p class=\"text-lg text-gray-600\">").append(REVIEWS_ERROR).append("</p>\n");
            return;
        }
        html.append("<h4>Book Reviews</h4>\n");
        for (JsonNode review : reviews.path("reviews")) {
            html.append("<section>\n");
            JsonNode rating = review.path("rating");
            if (rating.has("stars")) {
                int stars = rating.path("stars").asInt();
                html.append("<div class=\"stars text-").append(escape(rating.path("color").asText())).append("-500\">");
                for (int i = 0; i < 5; i++) {
                    html.append(i < stars ? "<svg id=\"glyphicon glyphicon-star\" fill=\"currentColor\"></svg>"
                                          : "<svg fill=\"none\" stroke=\"currentColor\"></svg>");
                }
                html.append("</div>\n");
            } else if (rating.has("error")) {
                html.append("<p class=\"text-red-500\">").append(escape(rating.path("error").asText())).append("</p>\n");
            }
            html.append("<blockquote><p>\"").append(escape(review.path("text").asText())).append("\"</p></blockquote>\n")
                .append("<div class=\"reviewer\">").append(escape(review.path("reviewer").asText())).append("</div>\n")
                .append("<div class=\"served-by\">Reviews served by: \n  ")
                .append(escape(reviews.path("podname").asText())).append("\n</div>\n</section>\n");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
