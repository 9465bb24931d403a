package workbench.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import workbench.cli.LessonOptions;
import workbench.cli.UsageException;
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
                byFile.put(file, Manifests.load(manifestsDir.resolve(file)));
            }
        }
        refuseWhatIstioRefuses(byFile, namespace);
        byFile.values().forEach(docs -> docs.forEach(d -> interpret(d, namespace)));
        return byFile;
    }

    /**
     * istioctl analyze's IST0102, as a reader running the lesson's commands would get it: the lesson deploys
     * workloads before any step labels the namespace for injection.
     */
    static java.util.Optional<String> injectionWarning(Lesson lesson, String namespace) {
        for (Step step : lesson.steps()) {
            if (step instanceof EnableInjection) return java.util.Optional.empty();
            if (step instanceof Deploy) {
                return java.util.Optional.of("analyze: Warning [IST0102] (Namespace " + namespace + ") "
                        + workbench.validate.Analyzer.namespaceNotInjected(namespace));
            }
        }
        return java.util.Optional.empty();
    }

    /** Options that would only fail half-way through a run fail here, before anything starts. */
    static void checkOptions(LessonOptions options) {
        if (options.requests < 1) throw new UsageException("--requests must be at least 1 (got " + options.requests + ")");
        if (options.concurrency < 1) throw new UsageException("--concurrency must be at least 1 (got " + options.concurrency + ")");
        try {
            options.language();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Path out = options.out.toAbsolutePath();
        Path existing = out;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + options.out + " is a file; the article needs a directory");
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new UsageException("--out " + options.out + " cannot be written; choose a writable directory");
        }
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
