package workbench.istio;

import java.util.Map;
import workbench.manifest.Field;

/** A named group of a service's pods, selected by labels, with an optional traffic policy of its own. */
public record Subset(String name, Map<String, String> labels, TrafficPolicy trafficPolicy) {

    public Subset(String name, Map<String, String> labels) { this(name, labels, TrafficPolicy.NONE); }

    static Subset read(Field f) {
        return new Subset(f.text("name"), f.stringMap("labels"), TrafficPolicy.read(f.get("trafficPolicy")));
    }

    public boolean selects(Map<String, String> podLabels) {
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
    }
}
