package workbench.article;

/**
 * A heading and its prose in one language, as the author wrote them beside a step. The prose is AsciiDoc;
 * an empty heading means the lead paragraph under the article's title.
 */
public record Passage(Language language, String heading, String prose) {

    public static Passage ja(String heading, String prose) { return new Passage(Language.JA, heading, prose); }

    public static Passage en(String heading, String prose) { return new Passage(Language.EN, heading, prose); }
}
