package workbench.backend;

import java.util.List;

/**
 * Istio's observability addons as a lesson reaches them.
 *
 * @param prometheusApi base URL of a Prometheus HTTP API over the mesh's metrics ({@code /api/v1/query}), on loopback
 * @param jaegerApi     base URL of a Jaeger query API over the mesh's traces ({@code /api/traces}), on loopback
 * @param scrapeInterval how often Prometheus scrapes the sidecars: a count is in its answers at most this long after the
 *                      request (zero where it scrapes at query time, as the embedded mesh does)
 * @param observed      what the backend saw of them, one line each, for the article: on a cluster every addon Deployment
 *                      in istio-system with its readiness and images (and, where the workbench installed them, how);
 *                      on the embedded mesh which API subset it answers where
 */
public record Addons(String prometheusApi, String jaegerApi, java.time.Duration scrapeInterval, List<String> observed) {
    /** The Istio release whose addon manifests the lessons are written for. */
    public static final String ISTIO_BRANCH = "release-1.28";

    /** The series' command for one of Istio's addon manifests ({@code prometheus}, {@code kiali}, {@code jaeger}). */
    public static String kubectlApply(String addon) {
        return "kubectl apply -f https://raw.githubusercontent.com/istio/istio/" + ISTIO_BRANCH + "/samples/addons/" + addon + ".yaml";
    }

    public Addons {
        observed = List.copyOf(observed);
    }
}
