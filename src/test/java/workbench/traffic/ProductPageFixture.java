package workbench.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Pages as Bookinfo 1.20.3's productpage renders them, for parser tests. The skeleton
 * (src/test/resources/bookinfo/productpage-1.20.3.html) and the blocks below follow the structure of
 * istio/istio samples/bookinfo/src/productpage/templates/productpage.html as of be755b2be0f (#51373,
 * 2024-06-03, "add the id to the svg element"), the template's last change before the 1.20.3 images
 * (05d518b996f, 2025-04-16): the stars block {@code <div class="flex gap-x-1 text-COLOR-500">} with one
 * filled {@code <svg id="glyphicon glyphicon-star" ... fill="currentColor">} per star then an outlined
 * {@code fill="none"} svg per missing one; "Reviews served by:" then the pod name on its own line (and
 * "on cluster" when productpage knows one); the ratings error in {@code <p class="text-red-500">}; the
 * reviews and details errors as "Error fetching product reviews/details" plus productpage.py's message.
 */
final class ProductPageFixture {
    static final String REVIEWS_ERROR = "Sorry, product reviews are currently unavailable for this book.";
    static final String DETAILS_ERROR = "Sorry, product details are currently unavailable for this book.";
    static final String RATINGS_ERROR = "Ratings service is currently unavailable";

    /** One review: its rating (stars and color, or a ratings error, or none for reviews v1). */
    record Review(String reviewer, String text, int stars, String color, boolean ratingsError) {
        static Review unrated(String reviewer) { return new Review(reviewer, "An extremely entertaining play by Shakespeare.", 0, null, false); }

        static Review rated(String reviewer, int stars, String color) { return new Review(reviewer, "A fine play.", stars, color, false); }

        static Review ratingsDown(String reviewer) { return new Review(reviewer, "A fine play.", 0, null, true); }
    }

    private ProductPageFixture() {}

    static String page(boolean detailsOk, String reviewsBlock) {
        return skeleton().replace("%DETAILS%", detailsOk ? details() : detailsError()).replace("%REVIEWS%", reviewsBlock);
    }

    static String reviews(String podName, String clusterName, List<Review> reviews) {
        StringBuilder b = new StringBuilder("""
                      <h4 class="text-3xl font-semibold">Book Reviews</h4>
                      <div class="flex flex-col md:flex-row">
                """);
        for (Review r : reviews) {
            b.append("""
                        <section class="px-6 py-12 sm:py-8 lg:px-8">
                          <div class="mx-auto max-w-2xl">
                    """);
            if (r.color() != null) {
                b.append("            <div class=\"flex gap-x-1 text-").append(r.color()).append("-500\">\n");
                for (int i = 0; i < r.stars(); i++) {
                    b.append("""
                                          <svg id="glyphicon glyphicon-star" class="h-5 w-5 flex-none" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
                                            <path fill-rule="evenodd" d="M10 1l3 6 6 1-4 4 1 6-6-3-6 3 1-6-4-4 6-1z" clip-rule="evenodd" />
                                          </svg>
                            """);
                }
                for (int i = r.stars(); i < 5; i++) {
                    b.append("""
                                          <svg xmlns="http://www.w3.org/2000/svg" fill="none" viewBox="0 0 24 24" stroke-width="1.5" stroke="currentColor" class="h-5 w-5 flex-none">
                                            <path stroke-linecap="round" stroke-linejoin="round" d="M12 2l3 7 7 1-5 5 1 7-6-4-6 4 1-7-5-5 7-1z" />
                                          </svg>
                            """);
                }
                b.append("            </div>\n");
            } else if (r.ratingsError()) {
                b.append("            <p class=\"text-red-500\">").append(RATINGS_ERROR).append("</p>\n");
            }
            b.append("            <blockquote class=\"mt-10 text-xl font-semibold leading-8 tracking-tight text-gray-900 sm:text-2xl sm:leading-9\">\n")
                    .append("              <p>\"").append(r.text()).append("\"</p>\n            </blockquote>\n")
                    .append("            <div class=\"mt-4 flex items-center gap-x-6\">\n")
                    .append("              <img class=\"h-16 w-16 rounded-full bg-gray-50\" src=\"/static/img/izzy.png\" alt=\"Izzy\">\n  \n")
                    .append("              <div class=\"text-sm leading-6\">\n")
                    .append("                <div class=\"font-semibold text-gray-900\">").append(r.reviewer()).append("</div>\n")
                    .append("                <div class=\"mt-0.5 text-gray-600 font-mono\">Reviews served by: \n")
                    .append("                  ").append(podName).append("\n");
            if (clusterName != null) b.append("                  \n                  on cluster <div>").append(clusterName).append("</div>\n");
            b.append("                  \n                </div>\n              </div>\n            </div>\n        </section>\n");
        }
        return b.append("      </div>\n").toString();
    }

    static String reviewsError() {
        return "      <p class=\"text-2xl text-red-500\">Error fetching product reviews</p>\n"
                + "      <p class=\"text-lg text-gray-600\">" + REVIEWS_ERROR + "</p>\n";
    }

    private static String details() {
        return """
                          <h4 class="text-3xl font-semibold">Book Details</h4>
                          <table class="min-w-full divide-y divide-gray-300">
                            <tbody class="divide-y divide-gray-200 bg-white">
                              <tr>
                                <td class="whitespace-nowrap py-2 pl-4 pr-3 text-sm text-gray-500 sm:pl-0">1234567890</td>
                                <td class="whitespace-nowrap px-2 py-2 text-sm font-medium text-gray-900">PublisherA</td>
                              </tr>
                            </tbody>
                          </table>
                """;
    }

    private static String detailsError() {
        return "          <p class=\"text-2xl text-red-500\">Error fetching product details</p>\n"
                + "          <p class=\"text-lg text-gray-600\">" + DETAILS_ERROR + "</p>\n";
    }

    private static String skeleton() {
        try (InputStream in = ProductPageFixture.class.getResourceAsStream("/bookinfo/productpage-1.20.3.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
