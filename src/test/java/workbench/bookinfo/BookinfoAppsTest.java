package workbench.bookinfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;
import workbench.traffic.Observation;

/** Bookinfo's observable behaviour, app by app, with the other services replaced by a scripted outbound. */
class BookinfoAppsTest {

    /** Records every outbound call and answers from a script keyed by host. */
    static final class Script implements Outbound {
        final List<MeshRequest> calls = new ArrayList<>();
        final List<Duration> timeouts = new ArrayList<>();
        final Map<String, Outbound> byHost;

        Script(Map<String, Outbound> byHost) { this.byHost = byHost; }

        @Override
        public MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
            calls.add(request);
            timeouts.add(timeout);
            return byHost.get(request.host()).send(request, timeout);
        }
    }

    private static Outbound app(App app) { return (r, t) -> app.handle(r, (x, y) -> { throw new IOException("no calls"); }); }

    private static final Outbound DETAILS = app(new Details());
    private static final Outbound RATINGS = app(new Ratings());

    @Test
    void productPageShowsTheReviewsPodAndNoStarsForV1() throws IOException {
        Script mesh = new Script(Map.of("details", DETAILS, "reviews", app(Reviews.v1("reviews-v1-abc-xyz"))));
        MeshResponse page = new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of()), mesh);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Simple Bookstore App</title>", "Reviews served by:", "reviews-v1-abc-xyz");
        assertThat(Observation.fromPage(page.status(), page.body()))
                .isEqualTo(new Observation(200, "v1", Observation.NONE, "reviews-v1-abc-xyz"));
        assertThat(mesh.calls).extracting(MeshRequest::authority).containsExactly("details:9080", "reviews:9080");
        assertThat(mesh.timeouts).containsOnly(Duration.ofSeconds(3));
    }

    @Test
    void reviewsV3AsksRatingsWithinTwoAndAHalfSecondsAndDrawsRedStars() throws IOException {
        Script reviewsCalls = new Script(Map.of("ratings", RATINGS));
        Outbound v3 = (r, t) -> Reviews.v3("reviews-v3-abc-xyz").handle(r, reviewsCalls);
        MeshResponse page = new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of()),
                new Script(Map.of("details", DETAILS, "reviews", v3)));

        assertThat(reviewsCalls.timeouts).containsExactly(Duration.ofMillis(2500));
        assertThat(Observation.fromPage(200, page.body())).extracting(Observation::reviews, Observation::ratings)
                .containsExactly("v3", "red");
    }

    @Test
    void reviewsV2WaitsTenSecondsForRatingsAndDrawsBlackStars() throws IOException {
        Script calls = new Script(Map.of("ratings", RATINGS));
        MeshResponse json = Reviews.v2("reviews-v2-a-b").handle(MeshRequest.get("http://reviews:9080/reviews/0", Map.of()), calls);
        assertThat(calls.timeouts).containsExactly(Duration.ofSeconds(10));
        assertThat(json.body()).contains("\"podname\": \"reviews-v2-a-b\"", "\"rating\": {\"stars\": 5, \"color\": \"black\"}",
                "\"rating\": {\"stars\": 4, \"color\": \"black\"}");
    }

    @Test
    void reviewsShowsTheRatingsErrorWhenRatingsDoesNotAnswer() throws IOException {
        Script calls = new Script(Map.of("ratings", (r, t) -> { throw new SocketTimeoutException("timed out"); }));
        MeshResponse json = Reviews.v3("reviews-v3-a-b").handle(MeshRequest.get("http://reviews:9080/reviews/0", Map.of()), calls);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).contains("{\"error\": \"Ratings service is currently unavailable\"}");
    }

    @Test
    void productPageTriesReviewsTwiceThenShowsItsErrorWithStatus200() throws IOException {
        Script mesh = new Script(Map.of("details", DETAILS, "reviews", (r, t) -> MeshResponse.envoy(503, "")));
        MeshResponse page = new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of()), mesh);

        assertThat(mesh.calls).extracting(MeshRequest::host).containsExactly("details", "reviews", "reviews");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Error fetching product reviews", "Sorry, product reviews are currently unavailable for this book.");
        assertThat(Observation.fromPage(200, page.body()).reviews()).isEqualTo(Observation.UNAVAILABLE);
    }

    @Test
    void aLoggedInUserIsSentToReviewsAsEndUserButAnIncomingEndUserHeaderIsNot() throws IOException {
        MeshResponse login = new ProductPage().handle(new MeshRequest("POST", "productpage:9080", "/login",
                Map.of("content-type", "application/x-www-form-urlencoded"), "username=jason&passwd=x"), (r, t) -> null);
        String cookie = login.headers().get("set-cookie").split(";")[0];

        Script loggedIn = new Script(Map.of("details", DETAILS, "reviews", app(Reviews.v1("reviews-v1-a-b"))));
        new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of("cookie", cookie)), loggedIn);
        Script spoofed = new Script(Map.of("details", DETAILS, "reviews", app(Reviews.v1("reviews-v1-a-b"))));
        new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of("end-user", "jason")), spoofed);

        assertThat(login.status()).isEqualTo(302);
        assertThat(loggedIn.calls.get(1).header("end-user")).isEqualTo("jason");
        assertThat(spoofed.calls.get(1).header("end-user")).isNull();
    }

    @Test
    void logoutForgetsTheUserSoReviewsNoLongerGetsEndUser() throws IOException {
        String cookie = Session.cookieFor("jason").split(";")[0];
        MeshResponse logout = new ProductPage().handle(MeshRequest.get("http://productpage:9080/logout",
                Map.of("cookie", cookie, "referer", "http://productpage:9080/productpage")), (r, t) -> null);
        String cleared = logout.headers().get("set-cookie").split(";")[0];

        Script afterwards = new Script(Map.of("details", DETAILS, "reviews", app(Reviews.v1("reviews-v1-a-b"))));
        new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of("cookie", cleared)), afterwards);

        assertThat(logout.status()).isEqualTo(302);
        assertThat(logout.headers()).containsEntry("location", "http://productpage:9080/productpage");
        assertThat(logout.headers().get("set-cookie")).contains("Max-Age=0");
        assertThat(afterwards.calls.get(1).header("end-user")).isNull();
    }

    @Test
    void loginTakesOnlyAPostedForm() throws IOException {
        MeshResponse get = new ProductPage().handle(MeshRequest.get("http://productpage:9080/login?username=jason", Map.of()), (r, t) -> null);
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void productPageShowsTheDetailsErrorAndStillTheReviewsWhenDetailsFails() throws IOException {
        Script mesh = new Script(Map.of("details", (r, t) -> MeshResponse.envoy(503, "no healthy upstream"),
                "reviews", app(Reviews.v1("reviews-v1-a-b"))));
        MeshResponse page = new ProductPage().handle(MeshRequest.get("http://productpage:9080/productpage", Map.of()), mesh);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Error fetching product details", "Sorry, product details are currently unavailable for this book.",
                "Reviews served by:");
        assertThat(mesh.calls).extracting(MeshRequest::host).containsExactly("details", "reviews");
    }

    @Test
    void detailsAndRatingsAnswerTheSamplesJson() throws IOException {
        assertThat(DETAILS.send(MeshRequest.get("http://details:9080/details/0", Map.of()), null).body())
                .startsWith("{\"id\":0,\"author\":\"William Shakespeare\",\"year\":1595");
        assertThat(RATINGS.send(MeshRequest.get("http://ratings:9080/ratings/0", Map.of()), null).body())
                .isEqualTo("{\"id\":0,\"ratings\":{\"Reviewer1\":5,\"Reviewer2\":4}}");
    }
}
