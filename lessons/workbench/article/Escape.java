package workbench.article;

import java.util.regex.Pattern;

/**
 * Makes captured text (command output, errors, logs, manifest content, table cells, stamp values) safe to put
 * into AsciiDoc source, so that Asciidoctor shows it exactly as it was and interprets none of it.
 *
 * <p>Two contexts. In a verbatim block rendered with {@code subs=none}, Asciidoctor copies the lines into the HTML
 * as they are, so they are HTML-escaped here, and only two things remain that could act: a preprocessor directive
 * line ({@code include::}, {@code ifdef::}, ...; the preprocessor sees every line, inside blocks too) and a line
 * that closes the block early ({@code ....}, {@code ----}). Their first character is written as a character
 * reference, which the browser shows as the character and Asciidoctor does not read as syntax.
 *
 * <p>In inline text (table cells, check marks, block titles) the normal substitutions run, so every
 * character that starts inline markup, a passthrough, an attribute reference, a macro or a typographic
 * replacement is written as a character reference (the replacements substitution keeps character references
 * as they are), and so is the first character of a line when it could start a block.
 * See docs.asciidoctor.org: "Substitutions", "Character replacement attributes", "Escape and prevent substitutions".
 */
final class Escape {
    private static final Pattern DIRECTIVE = Pattern.compile("^\\\\*(include|ifdef|ifndef|ifeval|endif)::");
    private static final Pattern DELIMITER_LIKE = Pattern.compile("^([.\\-=*_+/`~|])\\1+\\s*$");
    private static final Pattern ADMONITION_LABEL = Pattern.compile("^(NOTE|TIP|IMPORTANT|WARNING|CAUTION):");

    private Escape() {}

    /** Lines for a verbatim block with {@code subs=none}: shown exactly, never closing the block or including a file. */
    static String verbatim(String text) {
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) out.append('\n');
            int from = 0;
            if (!line.isEmpty() && (DIRECTIVE.matcher(line).find() || DELIMITER_LIKE.matcher(line).matches())) {
                out.append(ref(line.charAt(0)));
                from = 1;
            }
            for (int j = from; j < line.length(); j++) out.append(html(line.charAt(j)));
        }
        return out.toString();
    }

    /** One-line text in a table cell or after other text on its line: line breaks become spaces. */
    static String oneLine(String text) {
        StringBuilder out = new StringBuilder();
        inlineLine(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '), false, out);
        return out.toString();
    }

    /** A block title: one line, and its first character can neither hide the title nor make it a list. */
    static String title(String text) {
        StringBuilder out = new StringBuilder();
        inlineLine(text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' '), true, out);
        return out.toString();
    }

    /** {@code startsLine}: the text begins a line of the source, where a block could start. */
    private static void inlineLine(String line, boolean startsLine, StringBuilder out) {
        boolean label = ADMONITION_LABEL.matcher(line).find();
        for (int j = 0; j < line.length(); j++) {
            char c = line.charAt(j);
            char next = j + 1 < line.length() ? line.charAt(j + 1) : '\0';
            char prev = j > 0 ? line.charAt(j - 1) : '\0';
            boolean lineStart = startsLine && j == 0 && !Character.isLetter(c); // lists, titles, attribute entries, comments, indents
            boolean special = switch (c) {
                case '`', '*', '_', '#', '~', '^', '{', '[', ']', '<', '>', '&', '|', '\\', '\'', '@' -> true;
                // a passthrough needs a '+' touching its text, a hard break a '+' ending the line: "1.28 + Envoy" is safe
                case '+' -> !(Character.isWhitespace(prev) && Character.isWhitespace(next));
                case '-' -> next == '-' || prev == '-';          // "--" becomes a dash
                case '.' -> next == '.' || prev == '.';          // "..." becomes an ellipsis
                case ':' -> next == ':' || next == '/' || label;  // "term::", "https://" autolinks, "NOTE:"
                case ';' -> next == ';';                         // "term;;"
                case '(' -> next == '(' || line.startsWith("C)", j + 1) || line.startsWith("R)", j + 1) || line.startsWith("TM)", j + 1);
                default -> false;
            };
            out.append(special || lineStart && c < 0x80 ? ref(c) : String.valueOf(c));
        }
    }

    private static String html(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            default -> String.valueOf(c);
        };
    }

    private static String ref(char c) { return "&#" + (int) c + ";"; }
}
