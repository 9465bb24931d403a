package workbench.istio;

import java.util.regex.Pattern;
import workbench.manifest.Field;

/** Istio's StringMatch: exactly one of exact, prefix or regex (the regex must match the whole value). */
public record StringMatch(Kind kind, String value, Pattern pattern) {

    public enum Kind { EXACT, PREFIX, REGEX }

    static StringMatch read(Field f) {
        if (f.has("exact")) return new StringMatch(Kind.EXACT, f.text("exact"), null);
        if (f.has("prefix")) return new StringMatch(Kind.PREFIX, f.text("prefix"), null);
        if (f.has("regex")) {
            String regex = f.text("regex");
            try {
                return new StringMatch(Kind.REGEX, regex, Pattern.compile(regex));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw f.get("regex").error("\"" + regex + "\" is not a valid regex: " + e.getDescription());
            }
        }
        throw f.error("needs one of exact, prefix or regex");
    }

    public boolean test(String actual, boolean ignoreCase) {
        if (actual == null) return false;
        return switch (kind) {
            case EXACT -> ignoreCase ? actual.equalsIgnoreCase(value) : actual.equals(value);
            case PREFIX -> ignoreCase
                    ? actual.regionMatches(true, 0, value, 0, value.length())
                    : actual.startsWith(value);
            case REGEX -> pattern.matcher(actual).matches();
        };
    }
}
