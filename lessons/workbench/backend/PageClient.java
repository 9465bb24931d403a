package workbench.backend;

import java.io.IOException;
import java.util.Map;

/** Fetches pages of productpage from inside the mesh. Must be safe to call from several threads. */
@FunctionalInterface
public interface PageClient {
    Page get(String path, Map<String, String> headers) throws IOException;

    /** One response as the client saw it. */
    record Page(int status, String body) {}
}
