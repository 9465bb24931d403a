package workbench.bookinfo;

import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/** Bookinfo's ratings service (Node.js in the sample): two reviewers' stars. */
public final class Ratings implements App {

    @Override
    public MeshResponse handle(MeshRequest request, Outbound outbound) {
        String path = request.pathWithoutQuery();
        if (path.equals("/health")) return Json.ok("{\"status\":\"Ratings is healthy\"}");
        if (path.startsWith("/ratings/")) {
            String id = path.substring("/ratings/".length());
            if (!id.matches("\\d+")) return Json.of(400, "{\"error\":\"please provide numeric product ID\"}");
            return Json.ok("{\"id\":" + Integer.parseInt(id) + ",\"ratings\":{\"Reviewer1\":5,\"Reviewer2\":4}}");
        }
        return Json.notFound();
    }
}
