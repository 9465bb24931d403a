package workbench.article;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.asciidoctor.ast.Document;
import org.asciidoctor.extension.IncludeProcessor;
import org.asciidoctor.extension.PreprocessorReader;

/**
 * Every include directive of an article: the file must lie in the lesson's manifests directory (the document
 * attribute {@code manifestsdir}, relative to the article), symbolic links resolved; anything else is refused
 * and the refusal shown in its place. The file's text is escaped as captured text is, for a listing with
 * {@code subs=none}, so that a manifest can neither include another file nor close its listing early.
 */
final class ManifestIncludes extends IncludeProcessor {

    @Override
    public boolean handles(String target) { return true; }

    @Override
    public void process(Document document, PreprocessorReader reader, String target, Map<String, Object> attributes) {
        Path docdir = Path.of(String.valueOf(document.getAttribute("docdir", ".")));
        Object manifestsdir = document.getAttribute("manifestsdir");
        String text;
        try {
            Path file = docdir.resolve(target).normalize();
            if (manifestsdir == null || !Files.isRegularFile(file)
                    || !file.toRealPath().startsWith(docdir.resolve(manifestsdir.toString()).toRealPath())) {
                text = "include refused: " + target + " is not a file of the lesson's manifests directory";
            } else {
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (IOException | RuntimeException e) {
            text = "include failed: " + target + ": " + e.getMessage();
        }
        reader.pushInclude(Escape.verbatim(text.stripTrailing()), target, target, 1, attributes);
    }
}
