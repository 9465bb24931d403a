package workbench.mesh;

import java.util.Map;

/**
 * Whether Istio's injection webhook gives a new pod an istio-proxy. The default revision installs four webhooks
 * in istio-sidecar-injector, and the API server calls the one whose selectors match (istiod chart,
 * templates/mutatingwebhook.yaml; istio.io docs "Installing the sidecar", "Controlling the injection policy"):
 * <ul>
 *   <li>namespace.sidecar-injector: namespace {@code istio-injection=enabled}, pod not {@code sidecar.istio.io/inject=false};
 *   <li>rev.namespace.sidecar-injector: namespace {@code istio.io/rev=default} and no {@code istio-injection} label;
 *   <li>object.sidecar-injector: namespace with neither label, pod {@code sidecar.istio.io/inject=true};
 *   <li>rev.object.sidecar-injector: namespace with neither label, pod {@code istio.io/rev=default}.
 * </ul>
 * So {@code istio-injection=disabled} on the namespace wins over the pod, and {@code sidecar.istio.io/inject=false}
 * on the pod wins over an enabled namespace. The decision is made once, when the pod is created.
 */
public final class SidecarInjector {
    public static final String NAMESPACE_LABEL = "istio-injection";
    public static final String REVISION_LABEL = "istio.io/rev";
    public static final String POD_LABEL = "sidecar.istio.io/inject";
    private static final String DEFAULT_REVISION = "default";

    private SidecarInjector() {}

    public static boolean injects(Map<String, String> namespaceLabels, Map<String, String> podLabels) {
        if ("false".equals(podLabels.get(POD_LABEL))) return false;
        String namespaceInjection = namespaceLabels.get(NAMESPACE_LABEL);
        if (namespaceInjection != null) return namespaceInjection.equals("enabled");
        String namespaceRevision = namespaceLabels.get(REVISION_LABEL);
        if (namespaceRevision != null) return namespaceRevision.equals(DEFAULT_REVISION);
        return "true".equals(podLabels.get(POD_LABEL)) || DEFAULT_REVISION.equals(podLabels.get(REVISION_LABEL));
    }

    /** Whether the namespace says anything about injection; istioctl analyze warns (IST0102) when it does not. */
    public static boolean namespaceDecides(Map<String, String> namespaceLabels) {
        return namespaceLabels.containsKey(NAMESPACE_LABEL) || namespaceLabels.containsKey(REVISION_LABEL);
    }
}
