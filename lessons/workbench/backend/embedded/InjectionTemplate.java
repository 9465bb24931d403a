package workbench.backend.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Istio 1.28's injection webhook adds to a pod it injects, as far as the lessons look: the fields kubectl shows
 * for the added containers. From the istiod chart's injection template
 * (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml):
 * <ul>
 *   <li>{@code istio-init} (image proxyv2) sets up the iptables redirection, unless Istio CNI does that; the
 *       workbench installs Istio without CNI;
 *   <li>{@code istio-proxy} (image proxyv2, Envoy and pilot-agent) exposes its Prometheus port 15090
 *       ({@code http-envoy-prom}). It is a native sidecar, an init container with {@code restartPolicy: Always},
 *       when ENABLE_NATIVE_SIDECARS is in force: since Istio 1.27 that defaults to "auto", which the webhook
 *       resolves to native when every node's kubelet is 1.33 or newer (pkg/kube/inject/webhook.go,
 *       detectNativeSidecar, minVersion 33). The emulated cluster is Kubernetes 1.33, as the k3s backend's.
 * </ul>
 */
final class InjectionTemplate {
    /** The Istio release whose proxy image is injected: the one the k3s backend installs. */
    static final String PROXY_VERSION = "1.28.10";
    static final String PROXY_IMAGE = "docker.io/istio/proxyv2:" + PROXY_VERSION;
    static final int ENVOY_PROMETHEUS_PORT = 15090;

    private InjectionTemplate() {}

    /** Adds istio-init and the native-sidecar istio-proxy to {@code pod}, after any init containers it has. */
    static void inject(ObjectNode pod) {
        ObjectNode spec = (ObjectNode) pod.path("spec");
        ArrayNode init = spec.has("initContainers") ? (ArrayNode) spec.get("initContainers") : spec.putArray("initContainers");
        ObjectNode istioInit = init.addObject();
        istioInit.put("name", "istio-init");
        istioInit.put("image", PROXY_IMAGE);
        istioInit.putArray("args").add("istio-iptables");
        ObjectNode proxy = init.addObject();
        proxy.put("name", "istio-proxy");
        proxy.put("image", PROXY_IMAGE);
        proxy.putArray("args").add("proxy").add("sidecar");
        proxy.put("restartPolicy", "Always");
        ObjectNode port = proxy.putArray("ports").addObject();
        port.put("containerPort", ENVOY_PROMETHEUS_PORT);
        port.put("name", "http-envoy-prom");
        port.put("protocol", "TCP");
    }
}
