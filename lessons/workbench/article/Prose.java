package workbench.article;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tidies authors' prose for AsciiDoc written in Japanese. */
final class Prose {
    /**
     * A break inside Japanese text, the next line not starting a list item or a blank line: after Japanese
     * punctuation before anything, or between two Japanese characters. A break between a Japanese
     * character and a Latin word keeps its space, as Japanese technical writing often does.
     */
    private static final String NOT_A_NEW_ITEM = "(?![ \\t]*([.*-]+ |\\n|$))";
    private static final Pattern JAPANESE_BREAK = Pattern.compile(
            "(?<=[、。」』）)])\\n" + NOT_A_NEW_ITEM
            + "|(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}ー])\\n" + NOT_A_NEW_ITEM + "(?=[^\\x00-\\x7F])");

    /**
     * Constrained inline code and bold: one backtick or asterisk on each side, on one line, not doubled, not
     * starting or ending with a space. Group 1 is the mark, group 2 the content.
     */
    private static final Pattern CONSTRAINED = Pattern.compile("(?<![`*\\\\])([`*])(?![`*\\s])([^`*\\n]*?[^`*\\s\\\\])\\1(?![`*])");

    private Prose() {}

    /** The author's prose ready for AsciiDoc: Japanese line breaks joined, inline code and bold that touch Japanese made unconstrained. */
    static String tidy(String text) {
        return unconstrainNextToJapanese(join(text));
    }

    static String join(String text) {
        return JAPANESE_BREAK.matcher(text.strip()).replaceAll("");
    }

    /**
     * AsciiDoc's constrained marks ({@code `code`}, {@code *bold*}) apply only at word boundaries, and Japanese
     * letters are word characters, so in 「は`jbang`で」 the backticks would show. Where a constrained mark
     * touches a non-ASCII letter or digit, it is doubled to the unconstrained form ({@code ``code``}, {@code **bold**}),
     * which applies anywhere (docs.asciidoctor.org: "Constrained and unconstrained pairs").
     */
    static String unconstrainNextToJapanese(String text) {
        Matcher m = CONSTRAINED.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            char before = m.start() > 0 ? text.charAt(m.start() - 1) : ' ';
            char after = m.end() < text.length() ? text.charAt(m.end()) : ' ';
            String replacement = touchesNonAsciiWord(before) || touchesNonAsciiWord(after)
                    ? m.group(1) + m.group(1) + m.group(2) + m.group(1) + m.group(1)
                    : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean touchesNonAsciiWord(char c) { return c > 0x7F && Character.isLetterOrDigit(c); }
}
