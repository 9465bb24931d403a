package workbench.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/** One YAML document of a manifest file, with enough context to point a user at it. */
public record Document(Path file, int index, JsonNode body) {

    public String apiVersion() { return body.path("apiVersion").asText(""); }

    public String kind() { return body.path("kind").asText(""); }

    public String name() { return body.path("metadata").path("name").asText(""); }

    /** The namespace written in the document, or {@code fallback} when it names none. */
    public String namespaceOr(String fallback) {
        String ns = body.path("metadata").path("namespace").asText("");
        return ns.isEmpty() ? fallback : ns;
    }

    /** "reviews-canary.yaml, document 1 (VirtualService reviews)": how errors and warnings name a document. */
    public String describe() {
        return file.getFileName() + ", document " + index + " (" + kind() + " " + name() + ")";
    }

    /** The root of this document as a {@link Field}, for typed reading with error paths. */
    public Field root() { return new Field(this, "", body); }
}
