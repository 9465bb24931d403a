package workbench.bookinfo;

import java.io.IOException;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;

/** The application inside a pod: answers one request, calling other services through its sidecar. */
@FunctionalInterface
public interface App {
    MeshResponse handle(MeshRequest request, Outbound outbound) throws IOException;
}
