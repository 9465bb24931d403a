package workbench.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManifestsTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryDocumentOfTheLessonsManifestsWithFileAndIndex() {
        var docs = Manifests.load(Path.of("manifests/bookinfo.yaml"));
        assertThat(docs).hasSize(14);
        assertThat(docs.get(2).describe()).isEqualTo("bookinfo.yaml, document 3 (Deployment details-v1)");
        assertThat(docs).extracting(Document::kind).containsOnly("Service", "ServiceAccount", "Deployment");
    }

    @Test
    void emptyDocumentsBetweenSeparatorsAreSkippedButCounted() throws IOException {
        Path f = Files.writeString(dir.resolve("two.yaml"), """
                ---
                ---
                apiVersion: v1
                kind: ServiceAccount
                metadata: {name: a}
                """);
        assertThat(Manifests.load(f)).singleElement().extracting(Document::index).isNotEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        not a mapping   | '- a\\n- b'                                                      | x.yaml, document 1 ( ): a Kubernetes object (a YAML mapping) is expected here
        no kind         | 'apiVersion: v1\\nmetadata: {name: a}'                          | x.yaml, document 1 ( a), field kind: is required
        no name         | 'apiVersion: v1\\nkind: Service\\nmetadata: {}'                 | x.yaml, document 1 (Service ), field metadata.name: is required
        unknown kind    | 'apiVersion: v1\\nkind: ServiceEntry\\nmetadata: {name: g}'     | x.yaml, document 1 (ServiceEntry g), field kind: unknown kind 'ServiceEntry'
        broken YAML     | 'a: [1, 2'                                                       | x.yaml: not valid YAML
        empty file      | ''                                                               | x.yaml: holds no YAML document
        """)
    void refusesWhatNoBackendCouldApply(String name, String yaml, String message) throws IOException {
        Path f = Files.writeString(dir.resolve("x.yaml"), yaml.replace("\\n", "\n"));
        assertThatThrownBy(() -> Manifests.load(f)).isInstanceOf(ManifestException.class).hasMessageContaining(message);
    }

    @Test
    void aMissingFileSaysWhereManifestsLive() {
        assertThatThrownBy(() -> Manifests.load(dir.resolve("nope.yaml")))
                .hasMessageEndingWith("nope.yaml: no such file. Check the path.");
    }

    @Test
    void fieldsReportTheirPathWhenTheyHaveTheWrongShape() throws IOException {
        Path f = Files.writeString(dir.resolve("vs.yaml"), """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: r}
                spec: {http: [{route: [{weight: high}]}]}
                """);
        Field weight = Manifests.load(f).get(0).root().get("spec").list("http").get(0).list("route").get(0).get("weight");
        assertThat(weight.path()).isEqualTo("spec.http[0].route[0].weight");
        assertThatThrownBy(weight::integer).hasMessage(
                "vs.yaml, document 1 (VirtualService r), field spec.http[0].route[0].weight: must be an integer, got 'high'");
    }
}
