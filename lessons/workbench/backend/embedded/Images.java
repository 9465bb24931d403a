package workbench.backend.embedded;

import java.util.Optional;
import java.util.function.Function;
import workbench.bookinfo.App;
import workbench.bookinfo.Details;
import workbench.bookinfo.Httpbin;
import workbench.bookinfo.ProductPage;
import workbench.bookinfo.Ratings;
import workbench.bookinfo.Reviews;

/** Which emulated application runs for a container image. */
final class Images {
    private Images() {}

    /** Empty for a client-only image (fortio); an image the emulator has no model of is refused by the caller. */
    static Optional<Function<String, App>> appFor(String image) {
        String repo = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        String name = repo.substring(repo.lastIndexOf('/') + 1);
        return switch (name) {
            case "examples-bookinfo-productpage-v1" -> Optional.of(pod -> new ProductPage());
            case "examples-bookinfo-details-v1" -> Optional.of(pod -> new Details());
            case "examples-bookinfo-ratings-v1" -> Optional.of(pod -> new Ratings());
            case "examples-bookinfo-reviews-v1" -> Optional.of(Reviews::v1);
            case "examples-bookinfo-reviews-v2" -> Optional.of(Reviews::v2);
            case "examples-bookinfo-reviews-v3" -> Optional.of(Reviews::v3);
            case "go-httpbin" -> Optional.of(pod -> new Httpbin());
            default -> Nginx.release(image).map(release -> pod -> Nginx.serving(release));
        };
    }

    static boolean isClientOnly(String image) { return image.contains("fortio/fortio") || Curl.isImage(image); }

    static boolean isKnown(String image) { return isClientOnly(image) || appFor(image).isPresent(); }
}
