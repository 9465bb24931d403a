package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

/** The workbench's own manifests must pass every check: a lesson applying them must see no error and no warning. */
class ManifestsTest {

    private static List<Document> all() throws IOException {
        List<Document> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("manifests"))) {
            files.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(p -> docs.addAll(Manifests.load(p)));
        }
        return docs;
    }

    @Test
    void manifestsHaveNoErrorsOrWarnings() throws IOException {
        List<Document> docs = all();
        assertThat(docs).extracting(Document::kind).contains("VirtualService", "DestinationRule", "Service", "Deployment");

        assertThat(Validator.validate(docs)).isEmpty();
        assertThat(Validator.analyze(docs)).isEmpty();
        assertThat(docs.stream().flatMap(d -> Validator.unmodelled(d).stream()).toList()).isEmpty();
    }
}
