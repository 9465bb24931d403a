package workbench.validate;

import workbench.manifest.Document;

/**
 * One problem found in a manifest document, worded the way the real component words it.
 *
 * @param severity ERROR (the object would be refused) or WARNING (accepted, but look at it)
 * @param stage    which component reports it on a real cluster
 * @param code     the istioctl analyze message code ("IST0101"), or "" when the component has none
 * @param document the YAML document it is about
 * @param path     the field it is about, e.g. "spec.http[0].route[1].weight" ("" for the whole document)
 * @param message  the component's own wording, e.g. "weight -5 < 0"
 */
public record Finding(Severity severity, Stage stage, String code, Document document, String path, String message) {

    public Finding {
        code = code == null ? "" : code;
        path = path == null ? "" : path;
    }

    public boolean isError() { return severity == Severity.ERROR; }

    /** "reviews-canary.yaml, document 1 (VirtualService reviews), spec.http[0].route[1].weight: weight -5 < 0". */
    public String describe() {
        return document.describe() + (path.isEmpty() ? "" : ", " + path) + ": " + message;
    }

    @Override
    public String toString() { return severity + " " + describe(); }
}
