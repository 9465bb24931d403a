package workbench.validate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether Go's regexp.Compile (RE2 syntax, which istiod uses to check every regex in a VirtualService)
 * accepts a pattern, and if not, produces Go's error text, e.g.
 * {@code error parsing regexp: invalid or unsupported Perl syntax: `(?=`}.
 *
 * <p>This is a recogniser written from RE2's documented syntax and Go's regexp/syntax parse rules, not a matcher:
 * it tracks only what decides validity (parentheses, repetition operands, escapes, classes, counted repetition
 * limits). Java-only constructs that RE2 rejects (lookaround, backreferences, possessive and atomic forms,
 * {@code \Z}, {@code \G}, {@code \h}, {@code \R}, ...) come out as errors, as they do in Istio.
 * Not reproduced: the "expression too large" and "expression nests too deeply" limits.
 */
final class Re2 {

    private static final String INVALID_CHAR_CLASS = "invalid character class range";
    private static final String INVALID_ESCAPE = "invalid escape sequence";
    private static final String INVALID_NAMED_CAPTURE = "invalid named capture";
    private static final String INVALID_PERL_OP = "invalid or unsupported Perl syntax";
    private static final String INVALID_REPEAT_OP = "invalid nested repetition operator";
    private static final String INVALID_REPEAT_SIZE = "invalid repeat count";
    private static final String MISSING_BRACKET = "missing closing ]";
    private static final String MISSING_PAREN = "missing closing )";
    private static final String MISSING_REPEAT_ARGUMENT = "missing argument to repetition operator";
    private static final String TRAILING_BACKSLASH = "trailing backslash at end of expression";
    private static final String UNEXPECTED_PAREN = "unexpected )";

    private static final int MAX_REPEAT = 1000;

    private static final Set<String> POSIX_CLASSES = Set.of("alnum", "alpha", "ascii", "blank", "cntrl", "digit",
            "graph", "lower", "print", "punct", "space", "upper", "word", "xdigit");

    /** Go's unicode.Categories keys, plus the names regexp/syntax special-cases. */
    private static final Set<String> UNICODE_CATEGORIES = Set.of("C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo",
            "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps",
            "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs", "Any", "Assigned", "Ascii", "Lc");

    /** Go's unicode.CategoryAliases, canonicalised the way regexp/syntax looks them up. */
    private static final Set<String> UNICODE_ALIASES = Set.of("Casedletter", "Closepunctuation", "Combiningmark",
            "Connectorpunctuation", "Control", "Currencysymbol", "Dashpunctuation", "Decimalnumber", "Enclosingmark",
            "Finalpunctuation", "Format", "Initialpunctuation", "Letter", "Letternumber", "Lineseparator",
            "Lowercaseletter", "Mark", "Mathsymbol", "Modifierletter", "Modifiersymbol", "Nonspacingmark", "Number",
            "Openpunctuation", "Other", "Otherletter", "Othernumber", "Otherpunctuation", "Othersymbol",
            "Paragraphseparator", "Privateuse", "Punctuation", "Separator", "Spaceseparator", "Spacingmark",
            "Surrogate", "Symbol", "Titlecaseletter", "Unassigned", "Uppercaseletter", "Cntrl", "Digit", "Punct");

    private enum Kind { LEFT_PAREN, VERTICAL_BAR, EXPR }

    /** One parse-stack entry; for an expression, the product of the counted repetitions nested in it. */
    private record Item(Kind kind, long weight) {
        static Item expr(long weight) { return new Item(Kind.EXPR, weight); }
    }

    private static final class Failure extends RuntimeException {
        Failure(String code, String expr) {
            super("error parsing regexp: " + code + ": `" + expr + "`", null, false, false);
        }
    }

    private final String s;
    private final Deque<Item> stack = new ArrayDeque<>();

    private Re2(String s) { this.s = s; }

    /** Go's error text for the pattern, or empty when Go compiles it. */
    static Optional<String> check(String pattern) {
        try {
            new Re2(pattern).parse();
            return Optional.empty();
        } catch (Failure f) {
            return Optional.of(f.getMessage());
        }
    }

    private void parse() {
        int n = s.length();
        int i = 0;
        int lastRepeat = -1;
        while (i < n) {
            int repeat = -1;
            char c = s.charAt(i);
            switch (c) {
                case '(' -> {
                    if (i + 1 < n && s.charAt(i + 1) == '?') {
                        i = perlFlags(i);
                    } else {
                        stack.push(new Item(Kind.LEFT_PAREN, 0));
                        i++;
                    }
                }
                case '|' -> {
                    collapseTo(false);
                    stack.push(new Item(Kind.VERTICAL_BAR, 0));
                    i++;
                }
                case ')' -> {
                    rightParen();
                    i++;
                }
                case '[' -> {
                    i = charClass(i);
                    push(1);
                }
                case '*', '+', '?' -> {
                    int after = i + 1;
                    if (after < n && s.charAt(after) == '?') after++;
                    operand(i, after, lastRepeat);
                    repeat = i;
                    i = after;
                }
                case '{' -> {
                    int[] r = countedRepeat(i);
                    if (r == null) {
                        push(1); // not a repetition: a literal '{'
                        i++;
                        break;
                    }
                    int min = r[0], max = r[1], after = r[2];
                    if (min < 0 || min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && min > max)) {
                        throw new Failure(INVALID_REPEAT_SIZE, s.substring(i, after));
                    }
                    if (after < n && s.charAt(after) == '?') after++;
                    Item sub = operand(i, after, lastRepeat);
                    long m = max < 0 ? min : max;
                    long weight = max == 0 ? 1 : (m > 0 ? m * sub.weight() : sub.weight());
                    if ((min >= 2 || max >= 2) && max != 0 && weight > MAX_REPEAT) {
                        throw new Failure(INVALID_REPEAT_SIZE, s.substring(i, after));
                    }
                    stack.pop();
                    stack.push(Item.expr(weight));
                    repeat = i;
                    i = after;
                }
                case '\\' -> i = backslash(i);
                default -> {
                    push(1);
                    i += Character.charCount(s.codePointAt(i));
                }
            }
            lastRepeat = repeat;
        }
        for (Item item : stack) {
            if (item.kind() == Kind.LEFT_PAREN) throw new Failure(MISSING_PAREN, s);
        }
    }

    private void push(long weight) { stack.push(Item.expr(weight)); }

    /** Checks the operand of a repetition operator starting at {@code before}; returns it (still on the stack). */
    private Item operand(int before, int after, int lastRepeat) {
        if (lastRepeat >= 0) throw new Failure(INVALID_REPEAT_OP, s.substring(lastRepeat, after));
        Item top = stack.peek();
        if (top == null || top.kind() != Kind.EXPR) throw new Failure(MISSING_REPEAT_ARGUMENT, s.substring(before, after));
        return top;
    }

    /** Folds the expressions above the nearest '(' (or '|', when {@code throughBars}) into one; returns its weight. */
    private long collapseTo(boolean throughBars) {
        long weight = 0;
        boolean any = false;
        while (!stack.isEmpty()) {
            Item top = stack.peek();
            if (top.kind() == Kind.LEFT_PAREN || (top.kind() == Kind.VERTICAL_BAR && !throughBars)) break;
            stack.pop();
            if (top.kind() == Kind.EXPR) {
                weight = Math.max(weight, top.weight());
                any = true;
            }
        }
        long w = any ? weight : 1;
        if (throughBars) return w;
        stack.push(Item.expr(w));
        return w;
    }

    private void rightParen() {
        long weight = collapseTo(true);
        if (stack.isEmpty() || stack.peek().kind() != Kind.LEFT_PAREN) throw new Failure(UNEXPECTED_PAREN, s);
        stack.pop();
        push(weight);
    }

    /** {min}, {min,} or {min,max} at i: {min, max (-1 = unbounded), index after '}'}, or null when not of that form. */
    private int[] countedRepeat(int i) {
        int n = s.length();
        int j = i + 1;
        int[] min = decimal(j);
        if (min == null) return null;
        j = min[1];
        if (j >= n) return null;
        int max;
        int lo = min[0];
        if (s.charAt(j) != ',') {
            max = lo;
        } else {
            j++;
            if (j >= n) return null;
            if (s.charAt(j) == '}') {
                max = -1;
            } else {
                int[] hi = decimal(j);
                if (hi == null) return null;
                j = hi[1];
                max = hi[0];
                if (max < 0) lo = -1;
            }
        }
        if (j >= n || s.charAt(j) != '}') return null;
        return new int[] {lo, max, j + 1};
    }

    /** A decimal without leading zeros at j: {value (-1 when too big), index after it}, or null. */
    private int[] decimal(int j) {
        int n = s.length();
        if (j >= n || !digit(s.charAt(j))) return null;
        if (j + 1 < n && s.charAt(j) == '0' && digit(s.charAt(j + 1))) return null;
        int value = 0;
        int k = j;
        boolean tooBig = false;
        while (k < n && digit(s.charAt(k))) {
            if (value >= 100_000_000) tooBig = true;
            if (!tooBig) value = value * 10 + (s.charAt(k) - '0');
            k++;
        }
        return new int[] {tooBig ? -1 : value, k};
    }

    /** "(?" at i: flags, a non-capturing group or a named capture; returns the index after it. */
    private int perlFlags(int i) {
        int n = s.length();
        boolean startsWithP = n - i > 4 && s.charAt(i + 2) == 'P' && s.charAt(i + 3) == '<';
        boolean startsWithName = n - i > 3 && s.charAt(i + 2) == '<';
        if (startsWithP || startsWithName) {
            int nameStart = startsWithP ? i + 4 : i + 3;
            int end = s.indexOf('>', i);
            if (end < 0) throw new Failure(INVALID_NAMED_CAPTURE, s.substring(i));
            String name = s.substring(nameStart, end);
            if (name.isEmpty() || !name.chars().allMatch(ch -> ch == '_' || alnum(ch))) {
                throw new Failure(INVALID_NAMED_CAPTURE, s.substring(i, end + 1));
            }
            stack.push(new Item(Kind.LEFT_PAREN, 0));
            return end + 1;
        }
        int j = i + 2;
        int sign = 1;
        boolean sawFlag = false;
        while (j < n) {
            int c = s.codePointAt(j);
            j += Character.charCount(c);
            if (c == 'i' || c == 'm' || c == 's' || c == 'U') {
                sawFlag = true;
            } else if (c == '-') {
                if (sign < 0) break;
                sign = -1;
                sawFlag = false;
            } else if (c == ':' || c == ')') {
                if (sign < 0 && !sawFlag) break;
                if (c == ':') stack.push(new Item(Kind.LEFT_PAREN, 0));
                return j;
            } else {
                break;
            }
        }
        throw new Failure(INVALID_PERL_OP, s.substring(i, j));
    }

    /** A backslash at i outside a class; returns the index after the escape. */
    private int backslash(int i) {
        int n = s.length();
        if (i + 1 < n) {
            switch (s.charAt(i + 1)) {
                case 'A', 'b', 'B', 'z' -> {
                    push(1);
                    return i + 2;
                }
                case 'C' -> throw new Failure(INVALID_ESCAPE, s.substring(i, i + 2));
                case 'Q' -> {
                    int end = s.indexOf("\\E", i + 2);
                    int stop = end < 0 ? n : end;
                    if (stop > i + 2) push(1);
                    return end < 0 ? n : end + 2;
                }
                default -> { }
            }
            char next = s.charAt(i + 1);
            if (next == 'p' || next == 'P') {
                int after = unicodeClass(i);
                push(1);
                return after;
            }
            if ("dDsSwW".indexOf(next) >= 0) {
                push(1);
                return i + 2;
            }
        }
        int after = escape(i);
        push(1);
        return after;
    }

    /** A single-character escape at i; returns the index after it. */
    private int escape(int i) {
        int n = s.length();
        int t = i + 1;
        if (t >= n) throw new Failure(TRAILING_BACKSLASH, "");
        int c = s.codePointAt(t);
        t += Character.charCount(c);
        if (c < 0x80 && !alnum(c)) return t;
        if (c >= '1' && c <= '7') {
            if (t >= n || s.charAt(t) < '0' || s.charAt(t) > '7') throw new Failure(INVALID_ESCAPE, s.substring(i, t));
            return octal(t, 1);
        }
        if (c == '0') return octal(t, 1);
        if (c == 'x') {
            if (t >= n) throw new Failure(INVALID_ESCAPE, s.substring(i, t));
            int c2 = s.codePointAt(t);
            t += Character.charCount(c2);
            if (c2 == '{') {
                int digits = 0;
                long value = 0;
                while (true) {
                    if (t >= n) throw new Failure(INVALID_ESCAPE, s.substring(i, t));
                    int h = s.codePointAt(t);
                    t += Character.charCount(h);
                    if (h == '}') break;
                    int v = hex(h);
                    if (v < 0) throw new Failure(INVALID_ESCAPE, s.substring(i, t));
                    value = value * 16 + v;
                    if (value > Character.MAX_CODE_POINT) throw new Failure(INVALID_ESCAPE, s.substring(i, t));
                    digits++;
                }
                if (digits == 0) throw new Failure(INVALID_ESCAPE, s.substring(i, t));
                return t;
            }
            int x = hex(c2);
            int y = -1;
            if (t < n) {
                int c3 = s.codePointAt(t);
                t += Character.charCount(c3);
                y = hex(c3);
            }
            if (x < 0 || y < 0) throw new Failure(INVALID_ESCAPE, s.substring(i, t));
            return t;
        }
        if ("afnrtv".indexOf(c) >= 0) return t;
        throw new Failure(INVALID_ESCAPE, s.substring(i, t));
    }

    private int octal(int t, int have) {
        for (int k = have; k < 3 && t < s.length() && s.charAt(t) >= '0' && s.charAt(t) <= '7'; k++) t++;
        return t;
    }

    /** \p or \P at i; returns the index after the class name. */
    private int unicodeClass(int i) {
        int n = s.length();
        int t = i + 2;
        String seq;
        String name;
        if (t >= n) {
            seq = s.substring(i, t);
            name = "";
        } else {
            int c = s.codePointAt(t);
            t += Character.charCount(c);
            if (c != '{') {
                seq = s.substring(i, t);
                name = seq.substring(2);
            } else {
                int end = s.indexOf('}', i);
                if (end < 0) throw new Failure(INVALID_CHAR_CLASS, s.substring(i));
                seq = s.substring(i, end + 1);
                name = s.substring(i + 3, end);
                t = end + 1;
            }
        }
        if (name.startsWith("^")) name = name.substring(1);
        if (!knownUnicodeClass(name)) throw new Failure(INVALID_CHAR_CLASS, seq);
        return t;
    }

    private static boolean knownUnicodeClass(String name) {
        String canonical = canonical(name);
        if (UNICODE_CATEGORIES.contains(canonical) || UNICODE_ALIASES.contains(canonical)) return true;
        if (canonical.isEmpty() || !canonical.chars().allMatch(Character::isLetter)) return false;
        try {
            Character.UnicodeScript script = Character.UnicodeScript.forName(canonical);
            return !script.name().contains("_") && script != Character.UnicodeScript.UNKNOWN;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** regexp/syntax's canonical lookup name: first letter upper, the rest lower, no '_', '-' or ' '. */
    private static String canonical(String name) {
        StringBuilder b = new StringBuilder();
        boolean first = true;
        for (char c : name.toCharArray()) {
            if (c == '_' || c == '-' || c == ' ') continue;
            if (first) {
                b.append(c >= 'a' && c <= 'z' ? Character.toUpperCase(c) : c);
                first = false;
            } else {
                b.append(c >= 'A' && c <= 'Z' ? Character.toLowerCase(c) : c);
            }
        }
        return b.toString();
    }

    /** A character class at i ('['); returns the index after its ']'. */
    private int charClass(int i) {
        int n = s.length();
        int t = i + 1;
        if (t < n && s.charAt(t) == '^') t++;
        boolean first = true;
        while (t >= n || s.charAt(t) != ']' || first) {
            first = false;
            if (n - t > 2 && s.charAt(t) == '[' && s.charAt(t + 1) == ':') {
                int close = s.indexOf(":]", t + 2);
                if (close >= 0) {
                    String whole = s.substring(t, close + 2);
                    String name = whole.substring(2, whole.length() - 2);
                    if (name.startsWith("^")) name = name.substring(1);
                    if (!POSIX_CLASSES.contains(name)) throw new Failure(INVALID_CHAR_CLASS, whole);
                    t = close + 2;
                    continue;
                }
            }
            if (t + 1 < n && s.charAt(t) == '\\' && (s.charAt(t + 1) == 'p' || s.charAt(t + 1) == 'P')) {
                t = unicodeClass(t);
                continue;
            }
            if (t + 1 < n && s.charAt(t) == '\\' && "dDsSwW".indexOf(s.charAt(t + 1)) >= 0) {
                t += 2;
                continue;
            }
            int rangeStart = t;
            int[] lo = classChar(t, i);
            t = lo[1];
            if (n - t >= 2 && s.charAt(t) == '-' && s.charAt(t + 1) != ']') {
                t++;
                int[] hi = classChar(t, i);
                t = hi[1];
                if (hi[0] < lo[0]) throw new Failure(INVALID_CHAR_CLASS, s.substring(rangeStart, t));
            }
        }
        return t + 1;
    }

    /** One class character at t: {code point, index after it}. */
    private int[] classChar(int t, int classStart) {
        if (t >= s.length()) throw new Failure(MISSING_BRACKET, s.substring(classStart));
        if (s.charAt(t) == '\\') {
            int after = escape(t);
            return new int[] {escapedValue(t, after), after};
        }
        int c = s.codePointAt(t);
        return new int[] {c, t + Character.charCount(c)};
    }

    /** The code point an escape between t and after stands for (only needed to order class ranges). */
    private int escapedValue(int t, int after) {
        String e = s.substring(t + 1, after);
        char c = e.charAt(0);
        if (c == 'x') {
            String digits = e.startsWith("x{") ? e.substring(2, e.length() - 1) : e.substring(1);
            return Integer.parseInt(digits, 16);
        }
        if (c >= '0' && c <= '7') return Integer.parseInt(e, 8);
        return switch (c) {
            case 'a' -> 7;
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 11;
            default -> e.codePointAt(0);
        };
    }

    private static boolean digit(char c) { return c >= '0' && c <= '9'; }

    private static boolean alnum(int c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    @Override
    public String toString() { return String.format(Locale.ROOT, "Re2[%s]", s); }
}
