package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import workbench.lesson.LessonRunExtension;

/** docs/ as committed: both editions of every lesson's article, their run records, and an index made from them. */
class CommittedDocsTest {
    private static final Path DOCS = Path.of("docs");

    @Test
    void everyLessonHasBothEditionsAndARunRecordForEach() throws Exception {
        for (String id : lessonIds()) {
            for (Language language : Language.values()) {
                Path record = RunRecord.path(DOCS, id, language);
                assertThat(record).as("run record of %s (%s): run the lesson with --lang %s and commit docs/", id, language.code(), language.code())
                        .isRegularFile();
                RunRecord r = RunRecord.read(record);
                assertThat(DOCS.resolve(r.articleHref())).isRegularFile();
                assertThat(r.outcome()).as("the committed %s article of %s comes from a passing run", language.code(), id).isEqualTo("passed");
            }
        }
    }

    @Test
    void theIndexIsTheOneTheCommittedRunRecordsMake() throws IOException {
        assertThat(Files.readString(DOCS.resolve("index.html")))
                .as("docs/index.html is rewritten by every lesson run; commit it with the articles")
                .isEqualTo(DocsIndex.html(DocsIndex.records(DOCS)));
    }

    private static List<String> lessonIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("lessons"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                if (!Files.readString(f).contains("public static Lesson lesson()")) continue;
                String className = f.getFileName().toString().replace(".java", "");
                ids.add(LessonRunExtension.lessonOf(Class.forName(className)).id());
            }
        }
        assertThat(ids).isNotEmpty();
        return ids;
    }
}
