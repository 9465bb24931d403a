package workbench.backend.embedded;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import workbench.bookinfo.App;
import workbench.kube.ImageRef;
import workbench.mesh.MeshResponse;

/**
 * The official {@code nginx} image serving its default page: the {@code Server} header names the release, which
 * the image's tag pins (nginx:1.27.5 runs nginx/1.27.5). Only a tag that is a full release number says which
 * release that is, so {@code nginx}, {@code nginx:latest} or {@code nginx:1.27} are not emulated.
 */
final class Nginx {
    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    /** Size of the image's /usr/share/nginx/html/index.html ("Welcome to nginx!"). */
    private static final String DEFAULT_PAGE_LENGTH = "615";

    private Nginx() {}

    /** The release an image reference pins, if it is the official nginx image with a full release tag. */
    static Optional<String> release(String image) {
        if (!ImageRef.repository(image).equals("nginx")) return Optional.empty();
        return ImageRef.tag(image).filter(tag -> RELEASE.matcher(tag).matches());
    }

    /** Answers every path with the default page's headers; HEAD carries no body, which is all the lessons send. */
    static App serving(String release) {
        return (request, outbound) -> {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("server", "nginx/" + release);
            headers.put("content-type", "text/html");
            headers.put("content-length", DEFAULT_PAGE_LENGTH);
            headers.put("accept-ranges", "bytes");
            if (!request.method().equals("HEAD")) throw new IllegalStateException("the emulated nginx answers HEAD only");
            return new MeshResponse(200, headers, "");
        };
    }
}
