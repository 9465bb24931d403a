package workbench.backend.cluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Locale;

/** Registers Istio's VirtualService, DestinationRule and Gateway kinds (networking.istio.io/v1) on a mock API server. */
final class IstioCrds {
    private IstioCrds() {}

    static void install(KubernetesClient client) {
        for (String kind : new String[] {"VirtualService", "DestinationRule", "Gateway"}) {
            String plural = kind.toLowerCase(Locale.ROOT) + "s";
            client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                    .withNewMetadata().withName(plural + ".networking.istio.io").endMetadata()
                    .withNewSpec().withGroup("networking.istio.io").withScope("Namespaced")
                    .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase(Locale.ROOT)).endNames()
                    .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                    .endSpec().build()).create();
        }
    }
}
