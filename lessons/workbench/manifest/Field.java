package workbench.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A position inside a manifest document ("spec.http[0].route[1].weight") with typed accessors.
 * Every accessor that finds the wrong shape fails with the file, document and path, so typed
 * readers never have to build error messages by hand.
 */
public final class Field {
    private final Document doc;
    private final String path;
    private final JsonNode node;

    Field(Document doc, String path, JsonNode node) {
        this.doc = doc;
        this.path = path;
        this.node = node;
    }

    public Document document() { return doc; }

    public String path() { return path; }

    public JsonNode node() { return node; }

    public boolean isPresent() { return !node.isMissingNode() && !node.isNull(); }

    public boolean has(String name) { return get(name).isPresent(); }

    public Field get(String name) {
        return new Field(doc, path.isEmpty() ? name : path + "." + name, node.path(name));
    }

    public Field required(String name) {
        Field f = get(name);
        if (!f.isPresent()) throw f.error("is required");
        return f;
    }

    public String text() {
        if (!node.isValueNode()) throw error("must be a string");
        return node.asText();
    }

    public Optional<String> optText(String name) {
        Field f = get(name);
        return f.isPresent() ? Optional.of(f.text()) : Optional.empty();
    }

    public String text(String name) { return required(name).text(); }

    public long integer() {
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            if (node.isTextual() && node.asText().matches("-?\\d+")) return Long.parseLong(node.asText());
            throw error("must be an integer, got '" + node.asText() + "'");
        }
        return node.asLong();
    }

    public Optional<Long> optInteger(String name) {
        Field f = get(name);
        return f.isPresent() ? Optional.of(f.integer()) : Optional.empty();
    }

    public double number() {
        if (node.isNumber()) return node.asDouble();
        throw error("must be a number, got '" + node.asText() + "'");
    }

    public boolean bool() {
        if (node.isBoolean()) return node.asBoolean();
        throw error("must be true or false, got '" + node.asText() + "'");
    }

    /** The elements of a list field; an absent field is an empty list. */
    public List<Field> list(String name) {
        Field f = get(name);
        List<Field> out = new ArrayList<>();
        if (!f.isPresent()) return out;
        if (!f.node.isArray()) throw f.error("must be a list");
        for (int i = 0; i < f.node.size(); i++) {
            out.add(new Field(doc, f.path + "[" + i + "]", f.node.get(i)));
        }
        return out;
    }

    public <T> List<T> list(String name, Function<Field, T> reader) {
        return list(name).stream().map(reader).toList();
    }

    /** A map of strings (labels, headers); an absent field is an empty map. */
    public Map<String, String> stringMap(String name) {
        Field f = get(name);
        Map<String, String> out = new LinkedHashMap<>();
        if (!f.isPresent()) return out;
        if (!f.node.isObject()) throw f.error("must be a map of strings");
        f.node.properties().forEach(e -> out.put(e.getKey(), f.get(e.getKey()).text()));
        return out;
    }

    /** The entries of a map field as Fields keyed by name; absent is empty. */
    public Map<String, Field> entries(String name) {
        Field f = get(name);
        Map<String, Field> out = new LinkedHashMap<>();
        if (!f.isPresent()) return out;
        if (!f.node.isObject()) throw f.error("must be a map");
        f.node.fieldNames().forEachRemaining(k -> out.put(k, f.get(k)));
        return out;
    }

    public ManifestException error(String problem) {
        return ManifestException.at(doc, path, problem);
    }

    @Override
    public String toString() { return path; }
}
