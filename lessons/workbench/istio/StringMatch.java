package workbench.istio;

import java.util.regex.Pattern;
import workbench.manifest.Field;

/**
 * Istio's StringMatch: one of exact, prefix or regex (the regex must match the whole value, as Envoy's
 * safe_regex does with RE2; Java's regex dialect is used, which agrees on the RE2-compatible subset).
 * A match with no type ({@code {}}) or {@code regex: "*"} means "present" (route.go canBeConvertedToPresentMatch).
 */
public record StringMatch(Kind kind, String value, Pattern pattern) {

    public enum Kind { EXACT, PREFIX, REGEX, PRESENT }

    public static final StringMatch PRESENT = new StringMatch(Kind.PRESENT, "", null);

    static StringMatch read(Field f) {
        if (!f.isPresent()) return PRESENT;
        if (!f.node().isObject()) throw f.error("must be a map with one of exact, prefix or regex");
        if (f.has("exact")) return new StringMatch(Kind.EXACT, f.text("exact"), null);
        if (f.has("prefix")) return new StringMatch(Kind.PREFIX, f.text("prefix"), null);
        if (f.has("regex")) {
            String regex = f.text("regex");
            if (regex.equals("*")) return PRESENT; // "*" is no RE2 regex; Istio turns it into present_match
            try {
                return new StringMatch(Kind.REGEX, regex, Pattern.compile(regex));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw f.get("regex").error("\"" + regex + "\" is not a valid regex: " + e.getDescription());
            }
        }
        if (f.node().size() == 0) return PRESENT;
        throw f.error("needs one of exact, prefix or regex");
    }

    /** {@code ignoreCase} applies to exact and prefix only, as Envoy's case_sensitive does. */
    public boolean test(String actual, boolean ignoreCase) {
        if (actual == null) return false;
        return switch (kind) {
            case EXACT -> ignoreCase ? actual.equalsIgnoreCase(value) : actual.equals(value);
            case PREFIX -> ignoreCase
                    ? actual.regionMatches(true, 0, value, 0, value.length())
                    : actual.startsWith(value);
            case REGEX -> pattern.matcher(actual).matches();
            case PRESENT -> true;
        };
    }

    @Override
    public String toString() { return kind == Kind.PRESENT ? "present" : kind.name().toLowerCase() + " " + value; }
}
