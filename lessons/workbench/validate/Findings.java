package workbench.validate;

import java.util.ArrayList;
import java.util.List;
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

    /** "error: file, document 1 (VirtualService reviews), spec...: message" or "warning [IST0101]: ...". */
    public static String line(Finding f) {
        String code = f.code().isEmpty() ? "" : " [" + f.code() + "]";
        return (f.isError() ? "error" : "warning") + code + ": " + f.describe();
    }
}
