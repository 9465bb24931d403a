package workbench.article;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the docs index says about one edition of a lesson's article: written beside the article by the run that
 * wrote it ({@code docs/<id>.run.json}, {@code docs/en/<id>.run.json}), so the index shows the run that is committed.
 *
 * @param lesson       the lesson's id, which names the article ("lesson03")
 * @param language     "ja" or "en"
 * @param title        the article's title, in that language
 * @param summary      one line saying what the lesson does, in that language (empty when the lesson gives none)
 * @param backend      where it ran ("embedded", "k3s", "kubeconfig")
 * @param date         when it ran, as the run stamp says
 * @param checksPassed checks that held
 * @param checksTotal  checks made
 * @param outcome      "passed", "failed" (a check failed) or "error" (the run stopped part-way)
 */
public record RunRecord(String lesson, String language, String title, String summary, String backend, String date,
        int checksPassed, int checksTotal, String outcome) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

    public Language lang() { return Language.of(language); }

    /** The record's file for a lesson and language under the docs directory. */
    public static Path path(Path docsDir, String lesson, Language language) {
        return language.dirIn(docsDir).resolve(lesson + ".run.json");
    }

    /** The article this record describes, relative to the docs directory ("lesson03.html", "en/lesson03.html"). */
    public String articleHref() {
        return lang() == Language.JA ? lesson + ".html" : language + "/" + lesson + ".html";
    }

    public Path write(Path docsDir) {
        Path file = path(docsDir, lesson, lang());
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record " + file, e);
        }
    }

    /** Reads a record; a file that is not one is an error naming the file and what is wrong. */
    public static RunRecord read(Path file) {
        try {
            RunRecord r = JSON.readValue(file.toFile(), RunRecord.class);
            Language.of(r.language()); // an unknown language is refused here, not when the index links it
            return r;
        } catch (JacksonException | IllegalArgumentException e) {
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(file + ": not a run record (" + why + "); rerun the lesson to rewrite it", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the run record " + file, e);
        }
    }
}
