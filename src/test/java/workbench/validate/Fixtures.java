package workbench.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import workbench.manifest.Document;

/** Small YAML documents for the table-driven tests. */
final class Fixtures {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() {}

    static Document doc(String yaml) { return doc("x.yaml", 1, yaml); }

    static Document doc(String file, int index, String yaml) {
        try {
            JsonNode node = YAML.readTree(yaml);
            return new Document(Path.of(file), index, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A VirtualService "reviews" with the given spec (a YAML block, indentation free). */
    static Document vs(String spec) { return vs("reviews", spec); }

    static Document vs(String name, String spec) {
        return doc("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: " + name
                + "\nspec:\n" + spec.stripIndent().indent(2));
    }

    /** A DestinationRule "reviews" with the given spec. */
    static Document dr(String spec) { return dr("reviews", spec); }

    static Document dr(String name, String spec) {
        return doc("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: " + name
                + "\nspec:\n" + spec.stripIndent().indent(2));
    }

    /** "path | message" for each finding, the shape the tables state their expectations in. */
    static List<String> lines(List<Finding> findings) {
        return findings.stream().map(f -> f.path() + " | " + f.message()).toList();
    }

    static Path root() { return Path.of(System.getProperty("workbench.root", ".")); }
}
