package workbench.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code kubectl get ... -o custom-columns=...} and {@code -o jsonpath=...} print for one object, evaluated on
 * the object itself. kubectl's field specs are JSONPath without the leading {@code $}; a column with several values
 * joins them with commas, one with none prints {@code <none>}; a jsonpath template joins several values with spaces
 * (kubectl's printers/customcolumn.go and jsonpath behaviour). Only the single-expression template is supported.
 */
public final class KubectlOutput {
    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.ALWAYS_RETURN_LIST, Option.SUPPRESS_EXCEPTIONS)
            .build();
    /** kubectl's tabwriter: columns padded to their widest cell, three spaces apart. */
    private static final int GAP = 3;

    private KubectlOutput() {}

    /** The header line and the value line of {@code -o custom-columns=spec} for {@code object}. */
    public static List<String> customColumns(String spec, JsonNode object) {
        List<String> headers = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String column : spec.split(",")) {
            int colon = column.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException("custom-columns entry '" + column + "' is not NAME:.field.path");
            headers.add(column.substring(0, colon));
            List<String> found = values(column.substring(colon + 1), object);
            values.add(found.isEmpty() ? "<none>" : String.join(",", found));
        }
        return List.of(padded(headers, values, headers), padded(headers, values, values).stripTrailing());
    }

    /** What {@code -o jsonpath='{expression}'} prints for {@code object}. */
    public static String jsonpath(String template, JsonNode object) {
        if (!template.startsWith("{") || !template.endsWith("}") || template.indexOf('{', 1) >= 0) {
            throw new IllegalArgumentException("jsonpath template '" + template + "' is not one {expression}");
        }
        return String.join(" ", values(template.substring(1, template.length() - 1), object));
    }

    private static List<String> values(String fieldSpec, JsonNode object) {
        if (!fieldSpec.startsWith(".")) throw new IllegalArgumentException("field path '" + fieldSpec + "' must start with '.'");
        JsonNode found;
        try {
            found = JsonPath.using(JACKSON).parse(object).read("$" + fieldSpec);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("field path '" + fieldSpec + "': " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        if (found != null) found.forEach(v -> { if (!v.isNull() && !v.isMissingNode()) out.add(v.isValueNode() ? v.asText() : v.toString()); });
        return out;
    }

    private static String padded(List<String> headers, List<String> values, List<String> row) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < row.size(); i++) {
            int width = Math.max(headers.get(i).length(), values.get(i).length());
            String cell = row.get(i);
            line.append(cell);
            if (i < row.size() - 1) line.append(" ".repeat(width - cell.length() + GAP));
        }
        return line.toString();
    }
}
