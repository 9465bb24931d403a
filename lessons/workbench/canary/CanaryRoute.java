package workbench.canary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

/**
 * The VirtualService the analysis applies at each step: one route splitting {@code service} between the stable and
 * canary subsets. Written to a file and applied like any manifest, so a reader can {@code kubectl apply} the same
 * file; rolling back is applying it with weight 0.
 */
public final class CanaryRoute {
    private CanaryRoute() {}

    public static String yaml(String service, String stable, String canary, int canaryWeight) {
        return """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata:
                  name: %1$s
                spec:
                  hosts:
                  - %1$s
                  http:
                  - route:
                    - destination:
                        host: %1$s
                        subset: %2$s
                      weight: %4$d
                    - destination:
                        host: %1$s
                        subset: %3$s
                      weight: %5$d
                """.formatted(service, stable, canary, 100 - canaryWeight, canaryWeight);
    }

    /** Writes the step's VirtualService as {@code <service>-canary-<weight>.yaml} in {@code dir} and reads it back. */
    public static List<Document> write(Path dir, String service, String stable, String canary, int canaryWeight) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(service + "-canary-" + canaryWeight + ".yaml");
            Files.writeString(file, yaml(service, stable, canary, canaryWeight));
            return Manifests.load(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the step's VirtualService in " + dir + ": " + e.getMessage(), e);
        }
    }
}
