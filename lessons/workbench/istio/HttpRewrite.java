package workbench.istio;

import java.util.Optional;
import java.util.regex.Pattern;
import workbench.manifest.Field;

/** A route's {@code rewrite}: a uri prefix, or a uriRegexRewrite (RE2 match + substitution with \1 groups), and/or an authority. */
public record HttpRewrite(String uri, String authority, Optional<RegexRewrite> uriRegexRewrite) {

    public record RegexRewrite(Pattern match, String rewrite) {}

    static HttpRewrite read(Field f) {
        Optional<RegexRewrite> regex = Optional.empty();
        Field r = f.get("uriRegexRewrite");
        if (r.isPresent()) {
            String match = r.text("match");
            try {
                regex = Optional.of(new RegexRewrite(Pattern.compile(match), r.optText("rewrite").orElse("")));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw r.get("match").error("\"" + match + "\" is not a valid regex: " + e.getDescription());
            }
        }
        return new HttpRewrite(f.optText("uri").orElse(""), f.optText("authority").orElse(""), regex);
    }
}
