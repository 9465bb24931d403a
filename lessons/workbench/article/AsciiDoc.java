package workbench.article;

import java.util.List;

/**
 * Builds AsciiDoc source text block by block; knows the syntax, nothing about lessons. Prose and headings are
 * the author's AsciiDoc; everything else (listings, outputs, table cells, titles, notes) is data, escaped by
 * {@link Escape} so that Asciidoctor shows it as it is.
 */
public final class AsciiDoc {
    private final StringBuilder out = new StringBuilder();

    public AsciiDoc title(String title) { return line("= " + title); }

    public AsciiDoc attribute(String name, String value) { return line(":" + name + ": " + value); }

    public AsciiDoc unset(String name) { return line(":" + name + "!:"); }

    public AsciiDoc section(String title) { return blank().line("== " + title).blank(); }

    /** Prose written in AsciiDoc by the lesson author. */
    public AsciiDoc prose(String text) { return line(text.strip()).blank(); }

    /** An admonition whose words are the author's AsciiDoc. */
    public AsciiDoc admonition(String kind, String text) {
        return line("[" + kind + "]").line("====").line(text.strip()).line("====").blank();
    }

    /** An admonition holding data (an error message), shown as it is in a literal block. */
    public AsciiDoc admonitionText(String kind, String text) {
        line("[" + kind + "]").line("====");
        literal(null, List.of(text.strip()));
        return line("====").blank();
    }

    /** A listing of data, e.g. commands: no substitutions, so nothing in it is read as AsciiDoc. */
    public AsciiDoc source(String language, String title, String code) {
        blockTitle(title);
        return line("[source," + language + ",subs=none]").line("----").line(Escape.verbatim(code.stripTrailing())).line("----").blank();
    }

    /**
     * A listing whose content is pulled from a file at render time, so the article can never drift from it;
     * {@link HtmlRenderer} includes only files of the manifests directory, escaped as {@link #source} escapes.
     */
    public AsciiDoc include(String language, String title, String path) {
        blockTitle(title);
        return line("[source," + language + ",subs=none]").line("----").line("include::" + path + "[]").line("----").blank();
    }

    /** Output as it was printed, in a literal block with no substitutions. */
    public AsciiDoc literal(String title, List<String> lines) {
        blockTitle(title);
        return line("[subs=none]").line("....").line(Escape.verbatim(String.join("\n", lines))).line("....").blank();
    }

    /** A table of data; the first row is the header. Every cell is escaped, so no '|' or markup in data can act. */
    public AsciiDoc table(String title, String cols, List<List<String>> rows) {
        blockTitle(title);
        line("[cols=\"" + cols + "\",options=\"header\"]").line("|===");
        for (List<String> row : rows) {
            StringBuilder r = new StringBuilder();
            for (String cell : row) r.append("|").append(Escape.oneLine(cell)).append(' ');
            line(r.toString().stripTrailing());
        }
        return line("|===").blank();
    }

    /** A block title (the line starting with '.'), escaped as data; none when null. */
    private void blockTitle(String title) {
        if (title != null) line("." + Escape.title(title));
    }

    /** Raw HTML (an inline SVG chart, a style block) passed through untouched. */
    public AsciiDoc html(String html) { return line("++++").line(html.strip()).line("++++").blank(); }

    public AsciiDoc line(String text) {
        out.append(text).append('\n');
        return this;
    }

    public AsciiDoc blank() {
        if (out.length() > 1 && !(out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n')) out.append('\n');
        return this;
    }

    @Override
    public String toString() { return out.toString(); }
}
