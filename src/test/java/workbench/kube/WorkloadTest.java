package workbench.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.manifest.ManifestException;
import workbench.manifest.Manifests;

class WorkloadTest {
    @TempDir
    Path dir;

    @Test
    void readsReplicasLabelsAndImageOfTheLessonsDeployments() {
        Workload reviewsV3 = Manifests.load(Path.of("manifests/bookinfo.yaml")).stream()
                .filter(d -> d.name().equals("reviews-v3")).map(d -> Workload.read(d, "default")).findFirst().orElseThrow();
        assertThat(reviewsV3.replicas()).isEqualTo(1);
        assertThat(reviewsV3.podLabels()).containsEntry("app", "reviews").containsEntry("version", "v3");
        assertThat(reviewsV3.image()).isEqualTo("docker.io/istio/examples-bookinfo-reviews-v3:1.20.3");
        assertThat(reviewsV3.serviceAccount()).isEqualTo("bookinfo-reviews");
    }

    @Test
    void aSelectorThatDoesNotMatchTheTemplateIsRefusedAsKubernetesDoes() throws IOException {
        Path f = Files.writeString(dir.resolve("d.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: api}}
                    spec: {containers: [{name: web, image: x}]}
                """);
        assertThatThrownBy(() -> Workload.read(Manifests.load(f).get(0), "default")).isInstanceOf(ManifestException.class)
                .hasMessageContaining("d.yaml, document 1 (Deployment web), field spec.selector.matchLabels.app")
                .hasMessageContaining("`selector` does not match template `labels`");
    }

    @Test
    void podNamesLookLikeAReplicaSetsAndKeepTheTemplateHashForOneTemplate() {
        SplittableRandom random = new SplittableRandom(1);
        String a = PodNames.forDeployment("reviews-v1", "template-1", random);
        String b = PodNames.forDeployment("reviews-v1", "template-1", random);
        String alphabet = "[bcdfghjklmnpqrstvwxz2456789]";
        assertThat(a).matches("reviews-v1-" + alphabet + "{10}-" + alphabet + "{5}");
        assertThat(a.substring(0, 22)).isEqualTo(b.substring(0, 22)); // same pod-template-hash
        assertThat(a).isNotEqualTo(b);                                  // different pod suffix
        assertThat(PodNames.templateHash("template-2")).isNotEqualTo(PodNames.templateHash("template-1"));
    }
}
