package workbench.article;

import java.util.regex.Pattern;

/** Tidies authors' prose for AsciiDoc: a line break inside a Japanese sentence must not become a space. */
final class Prose {
    /** A break between two CJK characters or punctuation marks, the next line not starting a list item. */
    private static final Pattern JAPANESE_BREAK =
            Pattern.compile("(?<=[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}、。」』）)ー])\\n(?![ \\t]*([.*-]+ |\\n|$))(?=[^\\x00-\\x7F])");

    private Prose() {}

    static String join(String text) {
        return JAPANESE_BREAK.matcher(text.strip()).replaceAll("");
    }
}
