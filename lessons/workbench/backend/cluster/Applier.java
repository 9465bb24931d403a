package workbench.backend.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Map;
import workbench.backend.BackendException;
import workbench.manifest.Document;

/**
 * Applies, finds and deletes the objects of manifest documents, asking {@link NamespacePolicy} first.
 * A new object is created (POST), so a name someone else takes between the check and the write fails
 * with "already exists" instead of being overwritten; an object the workbench already owns is updated
 * with server-side apply, like {@code kubectl apply --server-side -f}. Every applied object carries
 * {@link NamespacePolicy#MANAGED_BY_LABEL} so a later run knows the workbench made it.
 */
public final class Applier {
    public static final String FIELD_MANAGER = "istio-workbench";

    private final KubernetesClient client;
    private final NamespacePolicy policy;

    public Applier(KubernetesClient client, NamespacePolicy policy) {
        this.client = client;
        this.policy = policy;
    }

    /**
     * Server-side applies {@code doc} and returns kubectl's verb, read from the API server's answers: no object
     * before is "created"; an unchanged resourceVersion means the apply changed nothing ("unchanged").
     */
    public String apply(Document doc) {
        HasMetadata before = current(doc);
        Map<String, String> existing = before == null ? null : labels(before);
        policy.refuseApply(doc, existing).ifPresent(reason -> { throw new BackendException(reason); });
        HasMetadata after;
        try {
            // a new object is created, never applied over: a name someone took meanwhile is refused (409), not overwritten
            after = existing == null ? resource(doc).create()
                    : resource(doc).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (existing == null && e.getCode() == 409) {
                throw new BackendException(doc.describe() + ": " + doc.kind() + " " + doc.name()
                        + " was created by someone else a moment ago; the workbench does not overwrite it. Run again.", e);
            }
            throw refused(doc, "apply", e);
        }
        policy.applied(doc, existing != null);
        return AppliedVerb.of(before == null ? null : before.getMetadata().getResourceVersion(),
                after == null ? null : after.getMetadata().getResourceVersion());
    }

    public boolean exists(Document doc) { return labelsOf(doc) != null; }

    /** Deletes the object if it exists and the policy allows it; an object already gone is fine. */
    public void delete(Document doc) {
        Map<String, String> existing = labelsOf(doc);
        if (existing == null) {
            policy.deleted(doc);
            return;
        }
        policy.refuseDelete(doc, existing).ifPresent(reason -> { throw new BackendException(reason); });
        try {
            resource(doc).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) throw refused(doc, "delete", e);
        }
        policy.deleted(doc);
    }

    /** The labels of the object as it is now ({@code {}} when it has none), or null when it does not exist. */
    private Map<String, String> labelsOf(Document doc) {
        HasMetadata current = current(doc);
        return current == null ? null : labels(current);
    }

    private static Map<String, String> labels(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /** The object as the API server holds it now, or null when it does not exist. */
    private HasMetadata current(Document doc) {
        try {
            return resource(doc).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) return null;
            throw refused(doc, "read", e);
        }
    }

    private Resource<HasMetadata> resource(Document doc) {
        ObjectNode body = prepared(doc, policy.namespace());
        var r = client.resource(body.toString());
        return doc.kind().equals("Namespace") ? r : r.inNamespace(doc.namespaceOr(policy.namespace()));
    }

    /** The document as it is sent: a copy with the namespace filled in and the workbench's label added. */
    static ObjectNode prepared(Document doc, String namespace) {
        ObjectNode body = doc.body().deepCopy();
        ObjectNode metadata = body.withObjectProperty("metadata");
        if (!doc.kind().equals("Namespace") && !metadata.hasNonNull("namespace")) metadata.put("namespace", namespace);
        metadata.withObjectProperty("labels").put(NamespacePolicy.MANAGED_BY_LABEL, NamespacePolicy.MANAGED_BY);
        return body;
    }

    private static BackendException refused(Document doc, String verb, KubernetesClientException e) {
        String reason = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        String hint = "";
        if (e.getCode() == 404 || String.valueOf(reason).contains("could not find the requested resource")) {
            hint = " The cluster does not know kind " + doc.kind() + " (" + doc.apiVersion() + "): is Istio installed with its CRDs?";
        } else if (e.getCode() == 403) {
            hint = " Your credentials may not " + verb + " " + doc.kind() + " objects here; ask for the RBAC permission or use another context.";
        } else if (String.valueOf(reason).contains("denied the request")) {
            hint = " Istio's validation refused the document: fix the field it names.";
        }
        return new BackendException(doc.describe() + ": the cluster refused to " + verb + " it: " + reason + "." + hint, e);
    }
}
