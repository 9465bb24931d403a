package workbench.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import workbench.manifest.Document;

/** Everything worth saying about documents before they are applied: Istio's errors and warnings, and what the emulator ignores. */
public final class Findings {
    private Findings() {}

    /** Checks {@code fresh} as Istio would, and analyzes it against {@code cluster} (what is applied, then {@code fresh}). */
    public static List<Finding> of(List<Document> fresh, List<Document> cluster) {
        List<Finding> out = new ArrayList<>(Validator.validate(fresh));
        if (out.stream().noneMatch(Finding::isError)) out.addAll(Validator.analyze(cluster));
        fresh.forEach(d -> out.addAll(Validator.unmodelled(d)));
        return out;
    }

    /** istioctl analyze's level for each message code it can report here (pkg/config/analysis/msg/messages.yaml). */
    private static final Map<String, String> ANALYZE_LEVELS = Map.of(
            "IST0101", "Error", "IST0109", "Error", "IST0112", "Error", "IST0130", "Warning",
            "IST0131", "Info", "IST0173", "Error", "IST0174", "Warning");

    /**
     * One line per finding, worded as its source words it: "error: file, document 1 (VirtualService reviews),
     * spec...: message" for what a cluster refuses, "warning: ..." for what it accepts with a word, and istioctl
     * analyze's own form, "analyze: Error [IST0101] (VirtualService default/reviews) ...", for cross-resource
     * problems the cluster accepts.
     */
    public static String line(Finding f) {
        if (f.stage() == Stage.ANALYZER) {
            Document d = f.document();
            String level = ANALYZE_LEVELS.getOrDefault(f.code(), "Warning");
            String object = d.kind().equals("Namespace") ? d.name() : d.namespaceOr(Validator.DEFAULT_NAMESPACE) + "/" + d.name();
            return "analyze: " + level + " [" + f.code() + "] (" + d.kind() + " " + object + ") " + f.message() + " — " + d.file().getFileName() + ", document " + d.index()
                    + (f.path().isEmpty() ? "" : ", " + f.path());
        }
        return (f.isError() ? "error" : "warning") + ": " + f.describe();
    }
}
