package workbench.lesson;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Runs the lesson named by {@link RunsLesson} once per test class; the run is kept in the class's Store. */
public final class LessonRunExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LessonRunExtension.class);

    /** A finished run: what the lesson returned, what it printed, and the article it wrote. */
    public record Ran(LessonResult result, String console, String errors) {
        public String html() { return read(result.article()); }

        public String adoc() { return read(result.article().resolveSibling(result.article().getFileName().toString().replace(".html", ".adoc"))); }

        private static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Ran.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        Class<?> testClass = c.getRequiredTestClass();
        return c.getRoot().getStore(NS).getOrComputeIfAbsent(testClass, k -> run(testClass), Ran.class);
    }

    private static Ran run(Class<?> testClass) {
        RunsLesson spec = testClass.getAnnotation(RunsLesson.class);
        List<String> args = new ArrayList<>(List.of("--backend", spec.backend(),
                "--out", Path.of("target", "lesson-tests", testClass.getSimpleName()).toString()));
        args.addAll(Arrays.asList(spec.args()));
        return run(lessonOf(spec.value()), args.toArray(String[]::new));
    }

    /** Runs a lesson with the given arguments, capturing its console. Also for tests that vary the manifests. */
    public static Ran run(Lesson lesson, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        LessonResult result = LessonCommand.executeForResult(lesson,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Ran(result, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    public static Lesson lessonOf(Class<?> script) {
        try {
            Method m = script.getDeclaredMethod("lesson");
            return (Lesson) m.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(script + " has no static lesson() method", e);
        }
    }
}
