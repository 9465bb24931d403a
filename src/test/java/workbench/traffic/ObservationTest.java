package workbench.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.traffic.ProductPageFixture.Review;

/** Reading a productpage as a person would: which reviews version, which stars. Markup as Bookinfo 1.20.3 writes it. */
class ObservationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        v1, no stars          | 200 | <div class="mt-0.5 text-gray-600 font-mono">Reviews served by: \\n  reviews-v1-5b5d6494f4-x2x9q\\n</div> | v1 | none
        v2, black stars       | 200 | <div class="flex gap-x-1 text-black-500">\\n<svg id="glyphicon glyphicon-star" class="h-5"></svg></div> Reviews served by: \\n reviews-v2-7c8f9d-abcde | v2 | black
        v3, red stars         | 200 | <div class="flex gap-x-1 text-red-500">\\n  <svg id="glyphicon glyphicon-star" class="h-5"></svg></div> Reviews served by: \\n reviews-v3-7c8f9d-abcde | v3 | red
        ratings unavailable   | 200 | <p class="text-red-500">Ratings service is currently unavailable</p> Reviews served by: reviews-v2-7c8f9d-abcde | v2 | unavailable
        reviews unavailable   | 200 | <p class="text-2xl text-red-500">Error fetching product reviews</p><p>Sorry, product reviews are currently unavailable for this book.</p> | unavailable | none
        error status          | 503 | no healthy upstream | none | none
        """)
    void readsWhatThePageShows(String name, int status, String html, String reviews, String ratings) {
        Observation o = Observation.fromPage(status, html.replace("\\n", "\n"));
        assertThat(o.reviews()).isEqualTo(reviews);
        assertThat(o.ratings()).isEqualTo(ratings);
    }

    /** Whole pages shaped like Bookinfo 1.20.3's productpage template (see {@link ProductPageFixture} for the source). */
    static Stream<Arguments> bookinfo1203Pages() {
        String v1 = "reviews-v1-5b5d6494f4-x2x9q", v2 = "reviews-v2-7c8f9d6b5-abcde", v3 = "reviews-v3-64d7c7c9d8-fghij";
        return Stream.of(
                Arguments.of("v1: two reviews, no ratings", ProductPageFixture.page(true, ProductPageFixture.reviews(v1, null,
                        List.of(Review.unrated("Reviewer1"), Review.unrated("Reviewer2")))), "v1", "none", v1),
                Arguments.of("v2: black stars, 5 and 4", ProductPageFixture.page(true, ProductPageFixture.reviews(v2, null,
                        List.of(Review.rated("Reviewer1", 5, "black"), Review.rated("Reviewer2", 4, "black")))), "v2", "black", v2),
                Arguments.of("v3: red stars, on a named cluster", ProductPageFixture.page(true, ProductPageFixture.reviews(v3, "Kubernetes",
                        List.of(Review.rated("Reviewer1", 5, "red"), Review.rated("Reviewer2", 4, "red")))), "v3", "red", v3),
                Arguments.of("v3 with its ratings call failed", ProductPageFixture.page(true, ProductPageFixture.reviews(v3, null,
                        List.of(Review.ratingsDown("Reviewer1"), Review.ratingsDown("Reviewer2")))), "v3", "unavailable", v3),
                Arguments.of("reviews call failed", ProductPageFixture.page(true, ProductPageFixture.reviewsError()), "unavailable", "none", ""),
                Arguments.of("details failed, reviews v2 fine", ProductPageFixture.page(false, ProductPageFixture.reviews(v2, null,
                        List.of(Review.rated("Reviewer1", 5, "black"), Review.rated("Reviewer2", 4, "black")))), "v2", "black", v2),
                Arguments.of("details and reviews failed", ProductPageFixture.page(false, ProductPageFixture.reviewsError()), "unavailable", "none", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookinfo1203Pages")
    void readsWholeBookinfo1203Pages(String name, String html, String reviews, String ratings, String pod) {
        Observation o = Observation.fromPage(200, html);
        assertThat(o.reviews()).isEqualTo(reviews);
        assertThat(o.ratings()).isEqualTo(ratings);
        assertThat(o.podName()).isEqualTo(pod);
    }
}
