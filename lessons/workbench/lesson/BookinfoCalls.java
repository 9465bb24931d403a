package workbench.lesson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import workbench.kube.Workload;
import workbench.manifest.Document;

/**
 * Bookinfo's call graph as its documentation states it (istio.io, "Bookinfo Application"): productpage calls details
 * and reviews once per page; reviews v1 does not call ratings, v2 and v3 call it once. Each call is one page's worth
 * of requests from the caller's version to the callee. The workload behind an app and version is read from the
 * Deployments the lesson deployed, never written in.
 */
final class BookinfoCalls {
    /** The client the lesson's pages start from (manifests/fortio.yaml). */
    static final String CLIENT_APP = "fortio";

    /** One call a page causes: caller app (and version, "" for any) to callee app. */
    record Call(String callerApp, String callerVersion, String calleeApp) {}

    /**
     * The calls one productpage page makes when reviews {@code reviewsVersion} answers it. A page that names no
     * reviews version (no page, or reviews unavailable) says nothing certain past productpage's call to details.
     */
    static List<Call> forPage(String reviewsVersion) {
        List<Call> calls = new ArrayList<>(List.of(new Call(CLIENT_APP, "", "productpage"), new Call("productpage", "", "details")));
        if (!reviewsVersion.matches("v\\d+")) return calls;
        calls.add(new Call("productpage", "", "reviews"));
        if (!reviewsVersion.equals("v1")) calls.add(new Call("reviews", reviewsVersion, "ratings"));
        return calls;
    }

    private final List<Workload> workloads = new ArrayList<>();

    BookinfoCalls(LessonRun run, List<String> manifestFiles) {
        for (String file : manifestFiles) {
            for (Document d : run.manifest(file)) {
                if (d.kind().equals("Deployment")) workloads.add(Workload.read(d, run.backend().namespace()));
            }
        }
    }

    /** The Deployment whose pods carry {@code app} (and {@code version}, unless ""). */
    Optional<Workload> workload(String app, String version) {
        return workloads.stream().filter(w -> app.equals(w.podLabels().get("app"))
                && (version.isEmpty() || version.equals(w.podLabels().get("version")))).findFirst();
    }

    String workloadName(String app, String version) {
        return workload(app, version).map(Workload::name).orElseThrow(() -> new IllegalStateException(
                "no Deployment with app=" + app + (version.isEmpty() ? "" : ", version=" + version) + " was deployed"));
    }
}
