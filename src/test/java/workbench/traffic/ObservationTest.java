package workbench.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
