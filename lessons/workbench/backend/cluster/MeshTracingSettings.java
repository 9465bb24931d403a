package workbench.backend.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/** Where the mesh sends spans and how many, read from istiod's mesh config on a cluster; reads only. */
final class MeshTracingSettings {
    /** istiod's mesh config for the default revision. */
    static final String MESH_CONFIG_MAP = "istio";
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    private final KubernetesClient client;

    MeshTracingSettings(KubernetesClient client) { this.client = client; }

    /**
     * How the mesh sends spans, as istiod's mesh config (ConfigMap {@code istio}, key {@code mesh}) says: the default tracing
     * provider and the sampling percentage. Since Istio 1.22 a default install has no tracing provider, so no spans reach
     * Jaeger; Telemetry resources, which can set one too, are not read here.
     */
    public String describe() {
        var configMap = client.configMaps().inNamespace(IstioAddons.NAMESPACE).withName(MESH_CONFIG_MAP).get();
        String mesh = configMap == null || configMap.getData() == null ? null : configMap.getData().get("mesh");
        if (mesh == null) return "mesh tracing: no ConfigMap " + MESH_CONFIG_MAP + " with a mesh config in " + IstioAddons.NAMESPACE;
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = YAML.readTree(mesh);
        } catch (java.io.IOException e) {
            return "mesh tracing: ConfigMap " + MESH_CONFIG_MAP + " holds no readable mesh config (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
        List<String> providers = new ArrayList<>();
        config.path("defaultProviders").path("tracing").forEach(p -> providers.add(p.asText()));
        com.fasterxml.jackson.databind.JsonNode sampling = config.path("defaultConfig").path("tracing").path("sampling");
        return "mesh tracing: default provider " + (providers.isEmpty() ? "none (no spans are sent unless a Telemetry resource names one)"
                : String.join(", ", providers)) + ", sampling " + (sampling.isNumber() ? sampling.asText() + "%"
                : "not set (istiod's PILOT_TRACE_SAMPLING, 1% unless changed)");
    }
}
