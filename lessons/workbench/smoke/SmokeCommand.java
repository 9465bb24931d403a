package workbench.smoke;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import workbench.lesson.Lesson;
import workbench.lesson.LessonCommand;
import workbench.lesson.LessonResult;

/**
 * {@code jbang smoke@catalog}: runs a lesson on a throwaway k3s exactly as a reader would, shows its
 * progress, then prints a {@link SmokeReport} to paste into a bug report. Extra arguments go to the lesson
 * (e.g. {@code --reuse}, {@code --istio-version 1.28.x}); the article goes to a temporary directory.
 */
public final class SmokeCommand {
    private SmokeCommand() {}

    public static int run(Lesson lesson, PrintStream out, String... extra) throws IOException {
        Path articleDir = Files.createTempDirectory("workbench-smoke-");
        List<String> args = new ArrayList<>(List.of("--backend", "k3s", "--out", articleDir.toString()));
        // the report reads the article's run stamp by its English keys, and a bug report is read in English
        if (!List.of(extra).contains("--lang")) args.addAll(List.of("--lang", "en"));
        args.addAll(List.of(extra));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream both = new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8);
        LessonResult result = LessonCommand.executeForResult(lesson, both, both, args.toArray(String[]::new));
        Path adoc = result.article() == null ? null : result.article().resolveSibling(lesson.id() + ".adoc");
        String stamp = adoc != null && Files.exists(adoc) ? Files.readString(adoc) : "";
        out.println();
        out.println(SmokeReport.build(versions(), captured.toString(StandardCharsets.UTF_8), result, stamp));
        return result.exitCode();
    }

    /** The workbench, Java, OS and Docker engine this ran on. */
    static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("workbench", "istio-traffic-workbench 0.1.0");
        v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        try {
            var info = DockerClientFactory.instance().getInfo();
            long mem = info.getMemTotal() == null ? 0 : info.getMemTotal();
            v.put("docker", info.getServerVersion() + " on " + info.getOperatingSystem()
                    + String.format(Locale.ROOT, ", %.1f GiB memory, %d CPUs", mem / (double) (1L << 30), info.getNCPU()));
        } catch (RuntimeException e) {
            v.put("docker", "no answer (" + e.getMessage() + ")");
        }
        return v;
    }

    /** Writes to the console and to a buffer at once, so the reader sees progress and the report sees everything. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override public void write(int c) throws IOException { a.write(c); b.write(c); }

        @Override public void write(byte[] buf, int off, int len) throws IOException { a.write(buf, off, len); b.write(buf, off, len); }

        @Override public void flush() throws IOException { a.flush(); b.flush(); }
    }
}
