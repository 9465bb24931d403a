package workbench.validate;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Decides whether Go's regexp.Compile (RE2 syntax, which istiod uses to check every regex in a VirtualService)
 * accepts a pattern, and if not, gives Go's error text, e.g.
 * {@code error parsing regexp: invalid or unsupported Perl syntax: `(?=`}.
 *
 * <p>RE2J, a port of Go's regexp package, does the parsing. It predates two rules of today's Go
 * (regexp/syntax/parse.go), which are added here: an unmatched {@code )} is "unexpected )" naming the whole
 * pattern (RE2J: "internal error: stack underflow"), and nested counted repetitions whose counts multiply past
 * 1000 are an "invalid repeat count" (Go 1.19's repeatIsValid; RE2J accepts them).
 * Not reproduced: the "expression too large" and "expression nests too deeply" limits.
 */
final class Re2 {
    private static final int MAX_REPEAT = 1000;
    private static final java.util.regex.Pattern COUNTED_REPEAT = java.util.regex.Pattern.compile("\\{(\\d+)(,(\\d*))?}");

    private Re2() {}

    /** Go's error text for the pattern, or empty when Go compiles it. */
    static Optional<String> check(String pattern) {
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            if ("stack underflow".equals(e.getPattern())) return Optional.of(goError("unexpected )", pattern));
            return Optional.of(goError(e.getDescription(), e.getPattern()));
        }
        return nestedRepeatTooLarge(pattern).map(repeat -> goError("invalid repeat count", repeat));
    }

    private static String goError(String code, String expr) {
        return "error parsing regexp: " + code + ": `" + expr + "`";
    }

    /**
     * For a pattern RE2J accepts: the first counted repetition (e.g. {@code {3}}) that Go refuses because the
     * counts nested under it multiply past 1000. Go divides the budget of 1000 by each count on the way down
     * (a count of 0 divides by nothing; {@code {n,}} counts n), which is the same as comparing the product.
     */
    static Optional<String> nestedRepeatTooLarge(String s) {
        Deque<long[]> groups = new ArrayDeque<>(); // per open group: {largest weight so far}
        groups.push(new long[] {1});
        long last = 1; // weight of the last operand: the product of the counts nested in it
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> {
                    i = skipEscape(s, i);
                    last = 1;
                }
                case '[' -> {
                    i = skipClass(s, i);
                    last = 1;
                }
                case '(' -> {
                    int close = s.indexOf(')', i);
                    if (s.startsWith("(?", i) && close > 0 && s.substring(i + 2, close).matches("[imsU-]*")) {
                        i = close + 1; // (?i): sets flags, opens no group
                        continue;
                    }
                    groups.push(new long[] {1});
                    i++;
                }
                case ')' -> {
                    last = groups.pop()[0];
                    i++;
                }
                case '|' -> {
                    last = 1;
                    i++;
                }
                case '{' -> {
                    Matcher m = COUNTED_REPEAT.matcher(s).region(i, s.length());
                    if (!m.lookingAt()) {
                        last = 1; // a '{' that starts no repetition is a literal
                        i++;
                        continue;
                    }
                    long min = Long.parseLong(m.group(1));
                    long max = m.group(2) == null ? min : m.group(3).isEmpty() ? -1 : Long.parseLong(m.group(3));
                    long count = max == -1 ? min : max;
                    long weight = Math.max(count, 1) * last;
                    if ((min >= 2 || max >= 2) && weight > MAX_REPEAT) return Optional.of(m.group());
                    last = weight;
                    i = m.end();
                }
                default -> {
                    if (c != '*' && c != '+' && c != '?') last = 1; // a repetition keeps its operand's weight
                    i++;
                }
            }
            groups.peek()[0] = Math.max(groups.peek()[0], last);
        }
        return Optional.empty();
    }

    /** The index after an escape: \Q...\E, \p{..}, \x{..} or a backslash and one character. */
    private static int skipEscape(String s, int i) {
        char next = i + 1 < s.length() ? s.charAt(i + 1) : ' ';
        if (next == 'Q') {
            int end = s.indexOf("\\E", i + 2);
            return end < 0 ? s.length() : end + 2;
        }
        if ((next == 'p' || next == 'P' || next == 'x') && i + 2 < s.length() && s.charAt(i + 2) == '{') {
            return s.indexOf('}', i + 2) + 1;
        }
        return i + 2;
    }

    /** The index after a character class; a ']' first in the class is a literal, [:name:] and escapes are skipped. */
    private static int skipClass(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '^') j++;
        if (j < s.length() && s.charAt(j) == ']') j++;
        while (j < s.length() && s.charAt(j) != ']') {
            if (s.charAt(j) == '\\') j = skipEscape(s, j);
            else if (s.startsWith("[:", j) && s.indexOf(":]", j + 2) > 0) j = s.indexOf(":]", j + 2) + 2;
            else j++;
        }
        return j + 1;
    }
}
