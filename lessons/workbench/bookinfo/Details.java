package workbench.bookinfo;

import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/** Bookinfo's details service (Ruby in the sample): book facts for product 0. */
public final class Details implements App {
    static final String BOOK = "{\"id\":%s,\"author\":\"William Shakespeare\",\"year\":1595,\"type\":\"paperback\","
            + "\"pages\":200,\"publisher\":\"PublisherA\",\"language\":\"English\","
            + "\"ISBN-10\":\"1234567890\",\"ISBN-13\":\"123-1234567890\"}";

    @Override
    public MeshResponse handle(MeshRequest request, Outbound outbound) {
        String path = request.pathWithoutQuery();
        if (path.equals("/health")) return Json.ok("{\"status\":\"Details is healthy\"}");
        if (path.startsWith("/details/")) {
            String id = path.substring("/details/".length());
            if (!id.matches("\\d+")) return Json.of(400, "{\"error\":\"please provide numeric product id\"}");
            return Json.ok(BOOK.formatted(Integer.parseInt(id)));
        }
        return Json.notFound();
    }
}
