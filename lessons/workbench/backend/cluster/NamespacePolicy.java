package workbench.backend.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import workbench.manifest.Document;

/**
 * What a backend may change and delete. On a cluster the workbench owns (its throwaway k3s) anything
 * goes. On the user's cluster it works only inside the lesson's namespace, never changes or deletes
 * an object it did not create (objects it applies carry {@link #MANAGED_BY_LABEL}), and deletes the
 * namespace only when this run created it.
 */
public final class NamespacePolicy {
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "istio-workbench";
    private static final int MAX_NAME = 63;

    private final String namespace;
    private final boolean ownedCluster;
    private final boolean namespaceCreated;
    private final Set<String> created = new LinkedHashSet<>();

    private NamespacePolicy(String namespace, boolean ownedCluster, boolean namespaceCreated) {
        this.namespace = namespace;
        this.ownedCluster = ownedCluster;
        this.namespaceCreated = namespaceCreated;
    }

    /** A cluster the workbench started itself and throws away: everything in it is the workbench's. */
    public static NamespacePolicy ownedCluster(String namespace) { return new NamespacePolicy(namespace, true, false); }

    /** The user's cluster; {@code namespaceCreated} when this run created the namespace. */
    public static NamespacePolicy sharedCluster(String namespace, boolean namespaceCreated) {
        return new NamespacePolicy(namespace, false, namespaceCreated);
    }

    /** A fresh namespace name such as {@code workbench-lesson03-k2x9q}: a valid DNS label, unlikely to exist. */
    public static String generatedName(String lesson, RandomGenerator random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 5; i++) suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        String middle = lesson == null ? "" : lesson.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("^-+|-+$", "");
        String prefix = "workbench-" + (middle.isEmpty() ? "" : middle + "-");
        if (prefix.length() + suffix.length() > MAX_NAME) prefix = prefix.substring(0, MAX_NAME - suffix.length() - 1) + "-";
        return prefix + suffix;
    }

    public String namespace() { return namespace; }

    public boolean ownedCluster() { return ownedCluster; }

    public boolean namespaceCreated() { return namespaceCreated; }

    /**
     * Why {@code doc} must not be applied, or empty when it may be.
     *
     * @param existingLabels the labels of the object as it is in the cluster now, or null when it does not exist
     */
    public Optional<String> refuseApply(Document doc, Map<String, String> existingLabels) {
        if (ownedCluster) return Optional.empty();
        Optional<String> outside = outsideNamespace(doc);
        if (outside.isPresent()) return outside;
        if (existingLabels != null && !isOurs(doc, existingLabels)) {
            return Optional.of(doc.describe() + ": " + doc.kind() + " " + doc.name() + " already exists in namespace " + namespace
                    + " and was not created by the workbench, which never changes what it did not create. "
                    + "Run without --namespace (the workbench then makes a fresh namespace), or delete it yourself if it is yours to delete.");
        }
        return Optional.empty();
    }

    /** Records a successful apply; an object that did not exist before now belongs to this run. */
    public void applied(Document doc, boolean existedBefore) {
        if (!existedBefore) created.add(key(doc));
    }

    /** Why {@code doc} must not be deleted, or empty when it may be; {@code existingLabels} null when already gone. */
    public Optional<String> refuseDelete(Document doc, Map<String, String> existingLabels) {
        if (ownedCluster || existingLabels == null) return Optional.empty();
        Optional<String> outside = outsideNamespace(doc);
        if (outside.isPresent()) return outside;
        if (!isOurs(doc, existingLabels)) {
            return Optional.of(doc.kind() + " " + doc.name() + " in namespace " + namespace
                    + " was not created by the workbench, so the workbench does not delete it.");
        }
        return Optional.empty();
    }

    public void deleted(Document doc) { created.remove(key(doc)); }

    /** Only a namespace this run created is ever deleted, and not when the user asked to keep it. */
    public boolean mayDeleteNamespace(boolean keep) { return !ownedCluster && namespaceCreated && !keep; }

    /** What this run created and has not deleted, newest first, as "Kind/name". */
    public List<String> createdNewestFirst() {
        List<String> out = new ArrayList<>(created);
        Collections.reverse(out);
        return out;
    }

    private boolean isOurs(Document doc, Map<String, String> labels) {
        return created.contains(key(doc)) || MANAGED_BY.equals(labels.get(MANAGED_BY_LABEL));
    }

    private Optional<String> outsideNamespace(Document doc) {
        if (doc.kind().equals("Namespace")) {
            return doc.name().equals(namespace) ? Optional.empty()
                    : Optional.of(doc.describe() + ": the workbench works only inside namespace " + namespace
                            + " on your cluster and does not create other namespaces.");
        }
        String target = doc.namespaceOr(namespace);
        if (!target.equals(namespace)) {
            return Optional.of(doc.describe() + ": names namespace " + target + ", but the workbench works only inside namespace "
                    + namespace + " on your cluster. Remove metadata.namespace from the manifest.");
        }
        return Optional.empty();
    }

    private static String key(Document doc) { return doc.kind() + "/" + doc.name(); }
}
