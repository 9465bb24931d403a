package workbench.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import workbench.manifest.Document;

/**
 * How kubectl shows the answer of the API server and istiod to {@code kubectl apply -f}, for the lesson or CLI to
 * print next to the manifest.
 *
 * <ul>
 *   <li>istiod's webhook: {@code Error from server: error when creating "x.yaml": admission webhook
 *       "validation.istio.io" denied the request: configuration is invalid: total destination weight = 0}. Several
 *       errors are listed the way hashicorp/go-multierror prints them ({@code 2 errors occurred:\n\t* a\n\t* b\n\n});
 *       a few checks wrap even a lone error that way ({@code 1 error occurred:...}).</li>
 *   <li>The CRD schema: {@code The VirtualService "reviews" is invalid: spec.http[0].timeout: Invalid value:
 *       "string": must be a valid duration greater than 1ms}.</li>
 *   <li>Strict decoding: {@code Error from server (BadRequest): error when creating "x.yaml": VirtualService in
 *       version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.http[0].foo"}.</li>
 * </ul>
 * When several documents are refused, kubectl prints one line per document, and schema errors in the
 * {@code Error from server (Invalid): ...} form. Only creation is modelled; kubectl words the refusal of a change to an
 * existing object as "error when applying patch" with the patch in the text.
 */
public final class Validation {

    /** The name of Istio's default validating webhook (istiod-default-validator, from the base chart). */
    public static final String WEBHOOK = "validation.istio.io";

    /** Checks that use multierror.Append directly, so that even a lone error prints as a one-item list. */
    private static final Set<String> WRAPPED = Set.of("attempts cannot be negative", "weight may not be nil",
            "destination is required", "HTTP fault injection must have an abort and/or a delay",
            "exponentialDelay not supported yet", "max_age duration is accurate only to seconds precision",
            "tcp match may not be nil");

    private Validation() {}

    /** kubectl's output for the refusal of these findings' documents, source file names as the documents have them. */
    public static String rejectionMessage(List<Finding> errors) {
        return rejectionMessage(errors, d -> d.file().toString());
    }

    /** The same, with the file name as given to {@code kubectl apply -f} (e.g. "manifests/reviews-canary.yaml"). */
    public static String rejectionMessage(List<Finding> errors, String source) {
        return rejectionMessage(errors, d -> source);
    }

    private static String rejectionMessage(List<Finding> errors, Function<Document, String> source) {
        Map<Document, List<Finding>> byDoc = refusing(errors);
        if (byDoc.isEmpty()) return "";
        StringBuilder out = new StringBuilder();
        boolean single = byDoc.size() == 1;
        byDoc.forEach((doc, fs) -> out.append(terminate(refusal(doc, fs, source.apply(doc), single))));
        return out.toString();
    }

    /** kubectl's "Warning: ..." lines for the webhook warnings of documents that were accepted. */
    public static List<String> warningLines(List<Finding> findings) {
        Set<Document> refused = refusing(findings).keySet();
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.WARNING && f.stage() == Stage.WEBHOOK && !refused.contains(f.document())) {
                out.add("Warning: " + f.message());
            }
        }
        return out;
    }

    /** The errors that make a real cluster refuse a document, grouped by document in order. */
    private static Map<Document, List<Finding>> refusing(List<Finding> findings) {
        Map<Document, List<Finding>> byDoc = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!f.isError()) continue;
            if (f.stage() != Stage.DECODE && f.stage() != Stage.SCHEMA && f.stage() != Stage.WEBHOOK) continue;
            byDoc.computeIfAbsent(f.document(), k -> new ArrayList<>()).add(f);
        }
        return byDoc;
    }

    private static String refusal(Document doc, List<Finding> fs, String source, boolean single) {
        List<Finding> mapping = only(fs, Stage.DECODE).stream().filter(f -> f.path().equals("apiVersion")).toList();
        if (!mapping.isEmpty()) {
            return "error: resource mapping not found for name: " + GoText.quote(doc.name()) + " namespace: "
                    + GoText.quote(doc.body().path("metadata").path("namespace").asText("")) + " from "
                    + GoText.quote(source) + ": " + mapping.get(0).message() + "\nensure CRDs are installed first";
        }
        List<Finding> decode = only(fs, Stage.DECODE);
        if (!decode.isEmpty()) {
            String version = doc.apiVersion().substring(doc.apiVersion().indexOf('/') + 1);
            return "Error from server (BadRequest): error when creating " + GoText.quote(source) + ": " + doc.kind()
                    + " in version " + GoText.quote(version) + " cannot be handled as a " + doc.kind()
                    + ": strict decoding error: " + decode.stream().map(Finding::message).collect(Collectors.joining(", "));
        }
        List<Finding> schema = only(fs, Stage.SCHEMA);
        if (!schema.isEmpty()) {
            List<String> causes = schema.stream().map(f -> f.path() + ": " + f.message()).toList();
            if (single) {
                String prefix = "The " + doc.kind() + " " + GoText.quote(doc.name()) + " is invalid: ";
                if (causes.size() == 1) return prefix + causes.get(0);
                return prefix + "\n" + causes.stream().map(c -> "* " + c + "\n").collect(Collectors.joining());
            }
            String group = doc.apiVersion().contains("/") ? doc.apiVersion().substring(0, doc.apiVersion().indexOf('/')) : "";
            return "Error from server (Invalid): error when creating " + GoText.quote(source) + ": " + doc.kind()
                    + (group.isEmpty() ? "" : "." + group) + " " + GoText.quote(doc.name()) + " is invalid: "
                    + (causes.size() == 1 ? causes.get(0) : "[" + String.join(", ", causes) + "]");
        }
        return "Error from server: error when creating " + GoText.quote(source) + ": admission webhook "
                + GoText.quote(WEBHOOK) + " denied the request: configuration is invalid: " + multierror(only(fs, Stage.WEBHOOK));
    }

    /** hashicorp/go-multierror's ListFormatFunc, or the plain message for a lone error that was never wrapped. */
    static String multierror(List<Finding> errors) {
        if (errors.size() == 1 && !wrapped(errors.get(0).message())) return errors.get(0).message();
        if (errors.size() == 1) return "1 error occurred:\n\t* " + errors.get(0).message() + "\n\n";
        return errors.size() + " errors occurred:\n\t"
                + errors.stream().map(f -> "* " + f.message()).collect(Collectors.joining("\n\t")) + "\n\n";
    }

    private static boolean wrapped(String message) {
        return WRAPPED.contains(message) || message.startsWith("invalid tag key: ") || message.startsWith("invalid tag value: ");
    }

    private static List<Finding> only(List<Finding> fs, Stage stage) {
        return fs.stream().filter(f -> f.stage() == stage).toList();
    }

    /** kubectl ends what it prints with a newline. */
    private static String terminate(String s) { return s.endsWith("\n") ? s : s + "\n"; }
}
