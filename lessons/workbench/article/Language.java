package workbench.article;

import java.nio.file.Path;
import java.util.Locale;

/** The languages an article is written in: Japanese, the series' own, and English. */
public enum Language {
    JA, EN;

    /** "ja" or "en": the option value, the HTML lang attribute and the docs/ sub-directory name. */
    public String code() { return name().toLowerCase(Locale.ROOT); }

    /** The language for an option value, or an IllegalArgumentException naming the choices. */
    public static Language of(String code) {
        for (Language l : values()) if (l.code().equalsIgnoreCase(code)) return l;
        throw new IllegalArgumentException("--lang must be ja or en (got " + code + ")");
    }

    /** Where this language's articles go under the docs directory: Japanese at the top, others in a sub-directory. */
    public Path dirIn(Path docsDir) { return this == JA ? docsDir : docsDir.resolve(code()); }

    /** Picks the words for this language. */
    public String pick(String ja, String en) { return this == JA ? ja : en; }
}
