package workbench.article;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;

/**
 * Renders AsciiDoc to one standalone HTML file with AsciidoctorJ. Starting JRuby takes seconds, so the
 * single shared instance is started in the background as soon as a lesson begins.
 */
public final class HtmlRenderer {
    private static volatile CompletableFuture<Asciidoctor> instance;
    /** One conversion at a time: one Asciidoctor instance is not safe to convert from several threads (asciidoctorj#1158). */
    private static final Object CONVERTING = new Object();

    private HtmlRenderer() {}

    /** Starts Asciidoctor on a background thread; later calls reuse the same instance. */
    public static synchronized CompletableFuture<Asciidoctor> warmUp() {
        if (instance == null) {
            instance = CompletableFuture.supplyAsync(() -> {
                Asciidoctor a = Asciidoctor.Factory.create();
                a.javaExtensionRegistry().includeProcessor(new ManifestIncludes());
                a.convert("warm up", Options.builder().safe(SafeMode.SAFE).build());
                return a;
            });
        }
        return instance;
    }

    /**
     * Writes {@code html} from {@code adoc}, standalone: the default stylesheet is embedded. Whatever else
     * the page needs offline (no web fonts, no icon font) the document says in its own header.
     * SAFE mode: nothing is read outside the article's directory, except the manifests that
     * {@link ManifestIncludes} lets in (docs.asciidoctor.org: "Safe Modes").
     */
    public static void render(Path adoc, Path html) {
        Options options = Options.builder()
                .safe(SafeMode.SAFE)
                .standalone(true)
                .baseDir(adoc.toAbsolutePath().getParent().toFile())
                .toFile(html.toAbsolutePath().toFile())
                .mkDirs(true)
                .build();
        Asciidoctor asciidoctor = warmUp().join();
        synchronized (CONVERTING) {
            asciidoctor.convertFile(adoc.toAbsolutePath().toFile(), options);
        }
    }
}
