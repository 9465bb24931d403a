package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import workbench.manifest.Document;

class ApplierTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Document doc(String json) throws Exception {
        return new Document(Path.of("x.yaml"), 1, JSON.readTree(json));
    }

    @Test
    void namespaceAndLabelAreFilledInOnACopy() throws Exception {
        Document d = doc("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"reviews\",\"labels\":{\"app\":\"reviews\"}}}");
        ObjectNode sent = Applier.prepared(d, "workbench-abc");
        assertThat(sent.at("/metadata/namespace").asText()).isEqualTo("workbench-abc");
        assertThat(sent.at("/metadata/labels/app").asText()).isEqualTo("reviews");
        assertThat(sent.at("/metadata/labels").path(NamespacePolicy.MANAGED_BY_LABEL).asText()).isEqualTo("istio-workbench");
        assertThat(d.body().at("/metadata/namespace").isMissingNode()).as("the document itself is unchanged").isTrue();
    }

    @Test
    void aNamespaceWrittenInTheDocumentIsKept() throws Exception {
        Document d = doc("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"r\",\"namespace\":\"bookinfo\"}}");
        assertThat(Applier.prepared(d, "default").at("/metadata/namespace").asText()).isEqualTo("bookinfo");
    }

    @Test
    void aNamespaceObjectGetsNoNamespace() throws Exception {
        Document d = doc("{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"bookinfo\"}}");
        assertThat(Applier.prepared(d, "default").at("/metadata/namespace").isMissingNode()).isTrue();
    }
}
