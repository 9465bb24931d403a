package workbench.article;

import java.util.List;

/** Builds AsciiDoc source text block by block; knows the syntax, nothing about lessons. */
public final class AsciiDoc {
    private final StringBuilder out = new StringBuilder();

    public AsciiDoc title(String title) { return line("= " + title); }

    public AsciiDoc attribute(String name, String value) { return line(":" + name + ": " + value); }

    public AsciiDoc unset(String name) { return line(":" + name + "!:"); }

    public AsciiDoc section(String title) { return blank().line("== " + title).blank(); }

    /** Prose written in AsciiDoc by the lesson author. */
    public AsciiDoc prose(String text) { return line(text.strip()).blank(); }

    public AsciiDoc admonition(String kind, String text) {
        return line("[" + kind + "]").line("====").line(text.strip()).line("====").blank();
    }

    public AsciiDoc source(String language, String title, String code) {
        if (title != null) line("." + title);
        return line("[source," + language + "]").line("----").line(code.stripTrailing()).line("----").blank();
    }

    /** A listing whose content is pulled from a file at render time, so the article can never drift from it. */
    public AsciiDoc include(String language, String title, String path) {
        return line("." + title).line("[source," + language + "]").line("----")
                .line("include::" + path + "[]").line("----").blank();
    }

    public AsciiDoc literal(String title, List<String> lines) {
        if (title != null) line("." + title);
        return line("....").line(String.join("\n", lines)).line("....").blank();
    }

    /** A table; the first row is the header. Cells are escaped so that '|' in data cannot break it. */
    public AsciiDoc table(String title, String cols, List<List<String>> rows) {
        if (title != null) line("." + title);
        line("[cols=\"" + cols + "\",options=\"header\"]").line("|===");
        for (List<String> row : rows) {
            StringBuilder r = new StringBuilder();
            for (String cell : row) r.append("|").append(cell.replace("|", "\\|")).append(' ');
            line(r.toString().stripTrailing());
        }
        return line("|===").blank();
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
