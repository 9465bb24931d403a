import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import workbench.lesson.LessonResult;
import workbench.lesson.LessonRunExtension;
import workbench.lesson.LessonRunExtension.Ran;

/** A broken manifest stops the lesson before anything starts, with one short line naming file, document and field. */
class Lesson03BadInputTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        malformed YAML      | reviews-canary.yaml | 'hosts:\\n  - reviews\\n   bad: [' | reviews-canary.yaml: not valid YAML
        unknown kind        | reviews-canary.yaml | 'kind: VirtualService' -> 'kind: VirtualServis' | reviews-canary.yaml, document 1 (VirtualServis reviews), field kind: unknown kind 'VirtualServis'
        weight not a number | reviews-canary.yaml | 'weight: 80' -> 'weight: eighty' | reviews-canary.yaml, document 1 (VirtualService reviews), spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string"
        missing host        | reviews-v1-only.yaml | '        host: reviews' -> '        hostt: reviews' | reviews-v1-only.yaml, document 1 (VirtualService reviews), spec.http[0].route[0].destination.hostt: unknown field "spec.http[0].route[0].destination.hostt"
        negative weight     | reviews-canary.yaml | 'weight: 20' -> 'weight: -20' | reviews-canary.yaml, document 1 (VirtualService reviews), spec.http[0].route[1].weight: weight -20 < 0
        missing file        | reviews-canary.yaml | DELETE | reviews-canary.yaml: no such file
        unknown image       | bookinfo.yaml | 'examples-bookinfo-ratings-v1:1.20.3' -> 'examples-bookinfo-ratings-v9:1.20.3' | bookinfo.yaml, document 6 (Deployment ratings-v1), field spec.template.spec.containers[0].image: the embedded mesh cannot run image
        """)
    void badInputFailsShortAndClear(String name, String file, String change, String expected) throws IOException {
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        try (Stream<Path> files = Files.list(Path.of("manifests"))) {
            for (Path f : files.toList()) Files.copy(f, manifests.resolve(f.getFileName()));
        }
        Path target = manifests.resolve(file);
        if (change.equals("DELETE")) {
            Files.delete(target);
        } else if (change.contains(" -> ")) {
            String[] fromTo = change.split(" -> ");
            String text = Files.readString(target);
            assertThat(text).contains(unquote(fromTo[0]));
            Files.writeString(target, text.replace(unquote(fromTo[0]), unquote(fromTo[1])));
        } else {
            Files.writeString(target, unquote(change).replace("\\n", "\n"));
        }

        Ran run = LessonRunExtension.run(Lesson03TrafficManagement.lesson(),
                "--backend", "embedded", "--manifests", manifests.toString(), "--out", dir.resolve("docs").toString());

        assertThat(run.result().exitCode()).isEqualTo(LessonResult.ERROR);
        assertThat(run.errors()).startsWith("error: ").contains(expected);
        assertThat(run.errors().lines().count()).as(run.errors()).isLessThanOrEqualTo(2);
        assertThat(run.errors()).doesNotContain("Exception", "\tat ");
        assertThat(run.console()).doesNotContain("[1/"); // no step ran
        assertThat(dir.resolve("docs")).doesNotExist();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
        --requests    | 0            | --requests must be at least 1 (got 0)
        --requests    | -5           | --requests must be at least 1 (got -5)
        --concurrency | 0            | --concurrency must be at least 1 (got 0)
        --out         | README.md    | --out README.md is a file; the article needs a directory
        --backend     | nonsense     | unknown backend 'nonsense'; choose one of auto, embedded, k3s, kubeconfig
        """)
    void badOptionsFailBeforeAnythingRuns(String option, String value, String expected) {
        java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
        args.put("--backend", "embedded");
        args.put("--out", dir.resolve("docs").toString());
        args.put(option, value);
        Ran run = LessonRunExtension.run(Lesson03TrafficManagement.lesson(),
                args.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue())).toArray(String[]::new));

        assertThat(run.result().exitCode()).isEqualTo(LessonResult.ERROR);
        assertThat(run.errors()).isEqualTo("error: " + expected + System.lineSeparator());
        assertThat(run.console()).doesNotContain("[1/");
    }

    private static String unquote(String s) {
        return s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }
}
