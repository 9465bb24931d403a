package workbench.mesh;

import java.io.IOException;
import java.time.Duration;

/** How an application calls another service: through its own sidecar, with the application's own timeout. */
@FunctionalInterface
public interface Outbound {
    MeshResponse send(MeshRequest request, Duration timeout) throws IOException;
}
