package workbench.validate;

import java.util.ArrayList;
import java.util.List;
import workbench.manifest.Document;

/**
 * Checks VirtualService and DestinationRule documents the way a real Istio 1.28 cluster would, before the embedded
 * mesh applies them.
 *
 * <ul>
 *   <li>{@link #validate}: what {@code kubectl apply} would be refused for, in the order a cluster checks it: the API
 *       server's strict decoding (unknown fields) and CRD schema (types, enums, bounds, required fields, the 1ms
 *       duration rule), then istiod's validating webhook. A document the API server refuses never reaches the webhook,
 *       so its findings stop there. Includes the webhook's warnings (kubectl prints them as "Warning: ...").</li>
 *   <li>{@link #analyze}: istioctl analyze's cross-resource checks over everything applied so far plus the new
 *       documents (IST0101, IST0109, IST0112, IST0130, IST0131, IST0173, IST0174).</li>
 *   <li>{@link #unmodelled}: fields a real cluster applies but the embedded mesh ignores.</li>
 * </ul>
 * Documents of other kinds are not checked. Documents without a namespace are taken to be in "default" unless a
 * namespace is given.
 */
public final class Validator {

    public static final String DEFAULT_NAMESPACE = "default";

    private static final List<String> VERSIONS = List.of("v1", "v1beta1", "v1alpha3");

    private Validator() {}

    public static List<Finding> validate(List<Document> documents) { return validate(documents, DEFAULT_NAMESPACE); }

    /** Errors and warnings of the API server and istiod for each VirtualService and DestinationRule. */
    public static List<Finding> validate(List<Document> documents, String namespace) {
        List<Finding> out = new ArrayList<>();
        for (Document doc : documents) {
            if (!isChecked(doc)) continue;
            String api = doc.apiVersion();
            String version = api.substring(api.indexOf('/') + 1);
            if (!api.startsWith("networking.istio.io/") || !VERSIONS.contains(version)) {
                out.add(new Finding(Severity.ERROR, Stage.DECODE, "", doc, "apiVersion", "no matches for kind "
                        + GoText.quote(doc.kind()) + " in version " + GoText.quote(api)));
                continue;
            }
            List<Finding> apiServer = CrdSchema.check(doc);
            if (!apiServer.isEmpty()) {
                out.addAll(apiServer);
                continue;
            }
            out.addAll(doc.kind().equals("VirtualService")
                    ? VirtualServiceRules.check(doc, namespace)
                    : DestinationRuleRules.check(doc, namespace));
        }
        return out;
    }

    public static List<Finding> analyze(List<Document> all) { return analyze(all, DEFAULT_NAMESPACE); }

    /**
     * istioctl analyze's cross-resource warnings. {@code all} is the cluster as the lesson knows it: everything applied
     * so far followed by the new documents (a later document replaces an earlier one of the same kind and name).
     * Host checks run only when {@code all} holds Services, pod checks only when it holds Deployments.
     */
    public static List<Finding> analyze(List<Document> all, String namespace) {
        return Analyzer.analyze(all, namespace);
    }

    /** Warnings for the fields of a VirtualService or DestinationRule that the embedded mesh does not model. */
    public static List<Finding> unmodelled(Document document) {
        return isChecked(document) ? Modelled.unmodelled(document) : List.of();
    }

    private static boolean isChecked(Document doc) {
        return doc.kind().equals("VirtualService") || doc.kind().equals("DestinationRule");
    }
}
