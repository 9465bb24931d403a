package workbench.article;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.asciidoctor.Asciidoctor;
import org.asciidoctor.Options;
import org.asciidoctor.SafeMode;
import org.asciidoctor.jruby.AsciidoctorJRuby;

/**
 * Renders AsciiDoc to one standalone HTML file with AsciidoctorJ. Starting JRuby takes seconds, so the
 * single shared instance is started in the background as soon as a lesson begins.
 */
public final class HtmlRenderer {
    /**
     * The Asciidoctor gem inside the AsciidoctorJ jar (asciidoctorj 3.0.0 bundles Asciidoctor 2.0.23). With it on the load
     * path, JRuby can start without RubyGems, whose loading is about a fifth of the start-up.
     */
    static final String ASCIIDOCTOR_GEM = "gems/asciidoctor-2.0.23/lib";

    private static volatile CompletableFuture<Asciidoctor> instance;
    /** One conversion at a time: one Asciidoctor instance is not safe to convert from several threads (asciidoctorj#1158). */
    private static final Object CONVERTING = new Object();

    private HtmlRenderer() {}

    /**
     * JRuby for a short-lived renderer: Ruby is interpreted rather than compiled to JVM bytecode (one article's worth of
     * Ruby never pays a compile back), and, with the gem found on the class path, RubyGems and did_you_mean are not loaded.
     * Measured on lesson 03's article: 4.7 s of CPU to start and render with JRuby's defaults, 2.7 s like this, the same
     * HTML. A setting given with -D on the command line is kept.
     */
    private static Asciidoctor start() {
        System.getProperties().putIfAbsent("jruby.compile.mode", "OFF");
        if (HtmlRenderer.class.getClassLoader().getResource(ASCIIDOCTOR_GEM + "/asciidoctor.rb") == null) return Asciidoctor.Factory.create();
        System.getProperties().putIfAbsent("jruby.cli.rubygems.enable", "false");
        System.getProperties().putIfAbsent("jruby.cli.did_you_mean.enable", "false");
        return AsciidoctorJRuby.Factory.create(List.of("uri:classloader:/" + ASCIIDOCTOR_GEM));
    }

    /** Starts Asciidoctor on a background thread; later calls reuse the same instance. */
    public static synchronized CompletableFuture<Asciidoctor> warmUp() {
        if (instance == null) {
            instance = CompletableFuture.supplyAsync(() -> {
                Asciidoctor a = start();
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
