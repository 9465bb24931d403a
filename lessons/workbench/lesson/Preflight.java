package workbench.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import workbench.istio.DestinationRule;
import workbench.istio.VirtualService;
import workbench.kube.ServiceSpec;
import workbench.kube.Workload;
import workbench.manifest.Document;
import workbench.manifest.Manifests;

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
        return byFile;
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
