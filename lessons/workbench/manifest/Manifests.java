package workbench.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads multi-document YAML manifests into {@link Document}s, rejecting what no backend could apply. */
public final class Manifests {

    /** The kinds the workbench knows how to apply; anything else is refused before anything is applied. */
    public static final Set<String> KNOWN_KINDS = Set.of(
            "Namespace", "Deployment", "Pod", "Service", "ServiceAccount", "VirtualService", "DestinationRule", "Gateway");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {}

    public static List<Document> load(Path... files) {
        List<Document> all = new ArrayList<>();
        for (Path file : files) all.addAll(load(file));
        return all;
    }

    public static List<Document> load(Path file) {
        String name = file.toString();
        if (!Files.exists(file)) throw new ManifestException(name + ": no such file. Check the path.");
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new ManifestException(name + ": cannot be read. Check that it is a readable file.");
        }
        List<Document> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            int index = 0;
            while (it.hasNextValue()) {
                JsonNode node = it.nextValue();
                index++;
                if (node == null || node.isNull() || node.isMissingNode()) continue; // an empty "---" section
                docs.add(checked(new Document(file, index, node)));
            }
        } catch (ManifestException e) {
            throw e;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ManifestException(name + ": not valid YAML" + where + ": " + firstLine(e.getOriginalMessage())
                    + ". Fix the YAML syntax (indentation, colons, quotes).");
        } catch (RuntimeException e) {
            throw new ManifestException(name + ": not valid YAML: " + firstLine(e.getMessage())
                    + ". Fix the YAML syntax (indentation, colons, quotes).");
        } catch (NoSuchFileException e) {
            throw new ManifestException(name + ": no such file.");
        } catch (IOException e) {
            throw new ManifestException(name + ": cannot be read: " + e.getMessage());
        }
        if (docs.isEmpty()) throw new ManifestException(name + ": holds no YAML document.");
        return docs;
    }

    private static Document checked(Document doc) {
        if (!doc.body().isObject()) {
            throw ManifestException.at(doc, "", "a Kubernetes object (a YAML mapping) is expected here");
        }
        Field root = doc.root();
        root.text("apiVersion");
        String kind = root.text("kind");
        root.required("metadata").text("name");
        if (!KNOWN_KINDS.contains(kind)) {
            throw root.get("kind").error("unknown kind '" + kind + "'; the workbench applies "
                    + String.join(", ", KNOWN_KINDS.stream().sorted().toList()));
        }
        return doc;
    }

    private static String firstLine(String message) {
        if (message == null) return "unknown error";
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
