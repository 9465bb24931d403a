package workbench.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import workbench.article.Bilingual;
import workbench.backend.BackendException;
import workbench.kube.ImageRef;
import workbench.kube.KubectlOutput;
import workbench.manifest.Document;
import workbench.mesh.SidecarInjector;

/**
 * Shows one pod's containers and init containers with kubectl's custom-columns and jsonpath, answered from the pod
 * object as the API server holds it, and checks them against what the injector was to do: the app's containers as
 * the manifest wrote them and, when the pod was injected, istio-proxy as a native sidecar, an init container with
 * {@code restartPolicy: Always}. Istio 1.28's ENABLE_NATIVE_SIDECARS defaults to "auto" (since 1.27), which the
 * webhook turns on when every node's kubelet is 1.33 or newer (pkg/kube/inject/webhook.go, detectNativeSidecar,
 * minVersion 33); the workbench's k3s is v1.33.5.
 */
record ShowContainers(Bilingual words, String manifest, String pod) implements Step {
    static final String COLUMNS = "NAME:.metadata.name,CONTAINERS:.spec.containers[*].name,INIT_CONTAINERS:.spec.initContainers[*].name";
    static final String PROXY_RESTART = "{.spec.initContainers[?(@.name==\"istio-proxy\")].restartPolicy}";
    static final String PROXY_IMAGE = "{.spec.initContainers[?(@.name==\"istio-proxy\")].image}";

    @Override
    public List<String> manifests() { return List.of(manifest); }

    @Override
    public void run(LessonRun run) {
        String ns = run.backend().namespace();
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), List.of(
                "kubectl get pod " + pod + " -n " + ns + " -o custom-columns='" + COLUMNS + "'",
                "kubectl get pod " + pod + " -n " + ns + " -o jsonpath='" + PROXY_RESTART + "'",
                "kubectl get pod " + pod + " -n " + ns + " -o jsonpath='" + PROXY_IMAGE + "'"));
        JsonNode object = run.backend().podObject(pod)
                .orElseThrow(() -> new BackendException("pod " + pod + " is not in namespace " + ns));
        String restart = KubectlOutput.jsonpath(PROXY_RESTART, object);
        String image = KubectlOutput.jsonpath(PROXY_IMAGE, object);
        List<String> printed = new ArrayList<>(KubectlOutput.customColumns(COLUMNS, object));
        printed.add("");
        printed.add("$ kubectl get pod " + pod + " -n " + ns + " -o jsonpath='" + PROXY_RESTART + "'");
        printed.add(restart);
        printed.add("$ kubectl get pod " + pod + " -n " + ns + " -o jsonpath='" + PROXY_IMAGE + "'");
        printed.add(image);
        run.article().output(run.t("出力(観測)", "Output (observed)"), printed);

        Document written = run.manifest(manifest).stream().filter(d -> d.kind().equals("Pod") && d.name().equals(pod)).findFirst()
                .orElseThrow(() -> new IllegalStateException(manifest + " has no Pod " + pod));
        List<String> writtenContainers = new ArrayList<>();
        written.body().path("spec").path("containers").forEach(c -> writtenContainers.add(c.path("name").asText()));
        String containers = KubectlOutput.jsonpath("{.spec.containers[*].name}", object);
        run.check(run.t("アプリのコンテナはマニフェストのまま: ", "the app's containers are the manifest's: ") + String.join(" ", writtenContainers),
                containers.equals(String.join(" ", writtenContainers)), containers);

        // the namespace label has not changed since the pod was created (the lesson labels before recreating)
        boolean injects = SidecarInjector.injects(run.backend().namespaceLabels(),
                BarePodSteps.strings(written.body().path("metadata").path("labels")));
        if (injects) {
            run.check(run.t("istio-proxy はネイティブサイドカー(restartPolicy: Always の init コンテナ)、イメージは istio/proxyv2",
                            "istio-proxy is a native sidecar (an init container with restartPolicy: Always), image istio/proxyv2"),
                    restart.equals("Always") && ImageRef.repository(image).equals("istio/proxyv2"),
                    "restartPolicy=" + (restart.isEmpty() ? "(none)" : restart) + ", image=" + (image.isEmpty() ? "(none)" : image));
        } else {
            String init = KubectlOutput.jsonpath("{.spec.initContainers[*].name}", object);
            run.check(run.t("Istio のコンテナは注入されていない", "no Istio container was injected"),
                    !init.contains("istio-") && !containers.contains("istio-"), "init containers: " + (init.isEmpty() ? "(none)" : init));
        }
    }
}
