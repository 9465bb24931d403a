package workbench.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import workbench.manifest.Document;

/**
 * A position in a document that never throws, whatever shape the YAML has: the checks here must be able to
 * look at broken manifests. A YAML null counts as absent, as it does for the API server's pruning.
 */
record Node(String path, JsonNode json) {

    Node {
        json = json == null ? MissingNode.getInstance() : json;
    }

    static Node root(Document doc) { return new Node("", doc.body()); }

    Node get(String name) {
        return new Node(path.isEmpty() ? name : path + "." + name, json.isObject() ? json.path(name) : MissingNode.getInstance());
    }

    boolean present() { return !json.isMissingNode() && !json.isNull(); }

    boolean has(String name) { return get(name).present(); }

    boolean isObject() { return json.isObject(); }

    boolean isArray() { return json.isArray(); }

    boolean isText() { return json.isTextual(); }

    boolean isInteger() { return json.isIntegralNumber(); }

    boolean isNumber() { return json.isNumber(); }

    boolean isBoolean() { return json.isBoolean(); }

    /** The text of a scalar; "" when absent or not a scalar (Go's zero value). */
    String text() { return present() && json.isValueNode() ? json.asText() : ""; }

    /** The value of an integer field; 0 when absent or not a number (Go's zero value). */
    long integer() { return json.isNumber() ? json.asLong() : 0L; }

    double number() { return json.isNumber() ? json.asDouble() : 0.0; }

    boolean bool() { return json.isBoolean() && json.asBoolean(); }

    /** The elements of a list (path "x[0]", "x[1]", ...); empty when absent or not a list. */
    List<Node> items() {
        List<Node> out = new ArrayList<>();
        if (!json.isArray()) return out;
        for (int i = 0; i < json.size(); i++) out.add(new Node(path + "[" + i + "]", json.get(i)));
        return out;
    }

    /** The entries of a map (path "x.key"); empty when absent or not a map. */
    Map<String, Node> entries() {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!json.isObject()) return out;
        json.fieldNames().forEachRemaining(k -> out.put(k, new Node(path.isEmpty() ? k : path + "." + k, json.get(k))));
        return out;
    }

    /** Number of list elements or map entries; 0 otherwise. */
    int size() { return json.isArray() || json.isObject() ? json.size() : 0; }

    /** A present list or map with at least one element: what Go sees as a non-nil repeated/map field. */
    boolean nonEmpty() { return present() && size() > 0; }
}
