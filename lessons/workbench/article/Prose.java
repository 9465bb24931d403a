package workbench.article;

import java.util.regex.Pattern;

/** Tidies authors' prose for AsciiDoc: a line break inside a Japanese sentence must not become a space. */
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

    private Prose() {}

    static String join(String text) {
        return JAPANESE_BREAK.matcher(text.strip()).replaceAll("");
    }
}
