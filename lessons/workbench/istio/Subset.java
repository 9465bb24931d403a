package workbench.istio;

import java.util.Map;
import workbench.manifest.Field;

/** A named group of a service's pods, selected by labels. */
public record Subset(String name, Map<String, String> labels) {

    static Subset read(Field f) {
        return new Subset(f.text("name"), f.stringMap("labels"));
    }

    public boolean selects(Map<String, String> podLabels) {
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
