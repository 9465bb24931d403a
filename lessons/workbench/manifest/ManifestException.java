package workbench.manifest;

/** A manifest the workbench cannot use: says which file, which document and which field, and what to do. */
public class ManifestException extends RuntimeException {

    public ManifestException(String message) { super(message); }

    public ManifestException(String message, Throwable cause) { super(message, cause); }

    public static ManifestException at(Document doc, String path, String problem) {
        String where = path.isEmpty() ? doc.describe() : doc.describe() + ", field " + path;
        return new ManifestException(where + ": " + problem);
    }
}
