package workbench.mesh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

/**
 * Bookinfo's services and pods as a registry (no sockets), and Istio config read from YAML text through the
 * same {@link Manifests} path the lessons use.
 */
public final class MeshFixture {
    public static final String NS = "default";
    public static final Pod PRODUCTPAGE = pod("productpage-v1-6b7f6dc5f6-abcde", "productpage", "v1");
    public static final Pod REVIEWS_V1 = pod("reviews-v1-5b5d6c8b9d-aaaaa", "reviews", "v1");
    public static final Pod REVIEWS_V2 = pod("reviews-v2-7d5b8c7f6d-bbbbb", "reviews", "v2");
    public static final Pod REVIEWS_V3 = pod("reviews-v3-6c9f7d8b5c-ccccc", "reviews", "v3");
    public static final Pod RATINGS_V1 = pod("ratings-v1-7c9bd4b87f-ddddd", "ratings", "v1");
    public static final Pod DETAILS_V1 = pod("details-v1-65599dcf88-eeeee", "details", "v1");
    public static final Pod FORTIO = new Pod("fortio-deploy-7d9f5c6b4-fffff", NS, Map.of("app", "fortio"), null);

    private MeshFixture() {}

    public static Pod pod(String name, String app, String version) {
        return new Pod(name, NS, Map.of("app", app, "version", version), null);
    }

    public static Registry bookinfo() {
        Registry r = new Registry();
        for (String svc : new String[] {"productpage", "details", "reviews", "ratings"}) {
            r.add(new KubeService(svc, NS, 9080, Map.of("app", svc)));
        }
        r.add(new KubeService("fortio", NS, 8080, Map.of("app", "fortio")));
        for (Pod p : new Pod[] {PRODUCTPAGE, REVIEWS_V1, REVIEWS_V2, REVIEWS_V3, RATINGS_V1, DETAILS_V1, FORTIO}) r.add(p);
        return r;
    }

    /** Every VirtualService and DestinationRule in the YAML text (documents separated by ---). */
    public static MeshConfig config(String yaml) {
        MeshConfig config = MeshConfig.empty();
        if (yaml == null || yaml.isBlank()) return config;
        try {
            Path file = Files.createTempFile("mesh-case", ".yaml");
            try {
                Files.writeString(file, yaml);
                for (Document doc : Manifests.load(file)) {
                    switch (doc.kind()) {
                        case "VirtualService" -> config = config.with(VirtualService.read(doc, NS));
                        case "DestinationRule" -> config = config.with(DestinationRule.read(doc, NS));
                        default -> throw new IllegalArgumentException("unexpected kind " + doc.kind());
                    }
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    public static RouteDecision route(String yaml, Pod caller, MeshRequest request) {
        return Router.route(config(yaml), bookinfo(), caller, request, new SplittableRandom(1));
    }

    public static MeshRequest get(String url, String... headerPairs) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) headers.put(headerPairs[i], headerPairs[i + 1]);
        return MeshRequest.get(url, headers);
    }

    public static MeshRequest request(String method, String url, String... headerPairs) {
        MeshRequest g = get(url, headerPairs);
        return new MeshRequest(method, g.authority(), g.path(), g.headers(), "");
    }

    /** The DestinationRule with Bookinfo's three reviews subsets (destination-rule-reviews.yaml without the LB). */
    public static final String REVIEWS_SUBSETS = """
            apiVersion: networking.istio.io/v1
            kind: DestinationRule
            metadata:
              name: reviews
            spec:
              host: reviews
              subsets:
              - name: v1
                labels: {version: v1}
              - name: v2
                labels: {version: v2}
              - name: v3
                labels: {version: v3}
            """;
}
