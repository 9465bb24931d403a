package workbench.article;

/** The same passage in both languages; a run writes the one its reader asked for. */
public record Bilingual(Passage ja, Passage en) {

    public Bilingual {
        if (ja.language() != Language.JA || en.language() != Language.EN) {
            throw new IllegalArgumentException("a step's words come as ja(...) then en(...): " + ja.heading() + " / " + en.heading());
        }
    }

    public Passage in(Language language) { return language == Language.JA ? ja : en; }
}
