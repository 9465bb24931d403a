package workbench.mesh;

/**
 * The mesh as it stands at one moment: the Istio configuration in force and the services and pods istiod
 * knows. The expectation a lesson checks is derived from it by the same {@link Router} the sidecars use; on a
 * real cluster it is read back from the API server, so the verdict judges what the cluster really holds.
 */
public record MeshSnapshot(MeshConfig config, Registry registry, java.util.List<workbench.istio.Gateway> gateways) {

    public MeshSnapshot {
        gateways = java.util.List.copyOf(gateways);
    }

    /** A mesh without Gateways: what the sidecars see. */
    public MeshSnapshot(MeshConfig config, Registry registry) { this(config, registry, java.util.List.of()); }
}
