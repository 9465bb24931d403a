package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four webhooks of the default revision's istio-sidecar-injector (istiod chart templates/mutatingwebhook.yaml:
 * namespace., rev.namespace., object., rev.object.sidecar-injector.istio.io) and their selectors; istio.io docs
 * "Installing the sidecar" → "Controlling the injection policy". "-" means the label is absent.
 */
class SidecarInjectorTest {

    @ParameterizedTest(name = "namespace istio-injection={0} istio.io/rev={1}, pod sidecar.istio.io/inject={2} istio.io/rev={3} → {4}")
    @CsvSource({
        "enabled,  -,       -,     -,       true",   // namespace.sidecar-injector
        "enabled,  -,       false, -,       false",  // the pod opts out
        "enabled,  -,       true,  -,       true",
        "disabled, -,       true,  -,       false",  // a disabled namespace wins over the pod
        "disabled, -,       -,     -,       false",
        "-,        -,       -,     -,       false",  // no label anywhere: no webhook matches
        "-,        -,       true,  -,       true",   // object.sidecar-injector: the pod opts in
        "-,        default, -,     -,       true",   // rev.namespace.sidecar-injector
        "-,        default, false, -,       false",
        "-,        canary,  -,     -,       false",  // another revision's namespace: not the default webhook's
        "-,        -,       -,     default, true",   // rev.object.sidecar-injector
        "enabled,  canary,  -,     -,       true",   // istio-injection takes precedence over istio.io/rev
    })
    void injects(String nsInjection, String nsRevision, String podInject, String podRevision, boolean injected) {
        assertThat(SidecarInjector.injects(labels("istio-injection", nsInjection, "istio.io/rev", nsRevision),
                labels("sidecar.istio.io/inject", podInject, "istio.io/rev", podRevision))).isEqualTo(injected);
    }

    private static Map<String, String> labels(String k1, String v1, String k2, String v2) {
        Map<String, String> m = new HashMap<>();
        if (!v1.equals("-")) m.put(k1, v1);
        if (!v2.equals("-")) m.put(k2, v2);
        return m;
    }
}
