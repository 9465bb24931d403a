package workbench.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.kube.ServiceSpec;
import workbench.kube.Workload;
import workbench.manifest.Document;
import workbench.manifest.ManifestException;
import workbench.manifest.Manifests;
import workbench.validate.Finding;
import workbench.validate.Findings;
import workbench.validate.Validator;

/**
 * Loads and checks every manifest a lesson will use before anything is started, so bad input
 * fails fast with file, document and field, and nothing is ever left half-applied.
 */
final class Preflight {
    private Preflight() {}

    static Map<String, List<Document>> load(Lesson lesson, java.nio.file.Path manifestsDir, String namespace) {
        Map<String, List<Document>> byFile = new LinkedHashMap<>();
        for (Step step : lesson.steps()) {
            for (String file : step.manifests()) {
                if (byFile.containsKey(file)) continue;
                List<Document> docs = Manifests.load(manifestsDir.resolve(file));
                docs.forEach(d -> interpret(d, namespace));
                byFile.put(file, docs);
            }
        }
        refuseWhatIstioRefuses(byFile, namespace);
        return byFile;
    }

    /** What the API server or istiod would refuse stops the lesson here, worded as Istio words it. */
    private static void refuseWhatIstioRefuses(Map<String, List<Document>> byFile, String namespace) {
        List<Document> all = byFile.values().stream().flatMap(List::stream).toList();
        List<String> errors = Validator.validate(all, namespace).stream().filter(Finding::isError).map(Findings::line).toList();
        if (!errors.isEmpty()) throw new ManifestException(String.join("\n", errors).replaceFirst("^error: ", ""));
    }

    /** Reads each document the way the mesh will, so what it cannot interpret is reported now. */
    private static void interpret(Document doc, String namespace) {
        switch (doc.kind()) {
            case "VirtualService" -> VirtualService.read(doc, namespace);
            case "DestinationRule" -> DestinationRule.read(doc, namespace);
            case "Deployment" -> Workload.read(doc, namespace);
            case "Service" -> ServiceSpec.read(doc, namespace);
            default -> { }
        }
    }
}
