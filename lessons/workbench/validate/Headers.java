package workbench.validate;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * istiod's header checks (pkg/config/validation/validation.go and header_value_validator.go). Header names in a
 * match may be any RFC 7230 token, upper case included (Envoy compares them lower-cased); the HTTP/2 pseudo
 * headers and "@request.auth.claims" names are allowed too.
 */
final class Headers {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]+");
    private static final Pattern VALUE = Pattern.compile("[^\\x00-\\x08\\x0A-\\x1F\\x7F]*");
    private static final Set<String> PSEUDO = Set.of(":method", ":scheme", ":authority", ":path", ":status");
    static final String JWT_CLAIM = "@request.auth.claims";

    private Headers() {}

    /** jwt.ToRoutingClaim(name).Match: "@request.auth.claims.sub" or "@request.auth.claims[sub]". */
    static boolean isJwtClaim(String name) {
        if (!name.toLowerCase(java.util.Locale.ROOT).startsWith(JWT_CLAIM)) return false;
        String rest = name.substring(JWT_CLAIM.length());
        return (rest.startsWith(".") && rest.length() > 1)
                || (rest.startsWith("[") && rest.endsWith("]") && rest.length() > 2);
    }

    /** ValidateHTTPHeaderNameOrJwtClaimRoute: names in match.headers and match.withoutHeaders. */
    static Optional<String> matchName(String name) {
        if (name.isEmpty()) return Optional.of("header name cannot be empty");
        if (isJwtClaim(name) || PSEUDO.contains(name)) return Optional.empty();
        if (!TOKEN.matcher(name).matches()) return Optional.of("header name " + name + " is not a valid header name");
        return Optional.empty();
    }

    /** ValidateCORSHTTPHeaderName: names in corsPolicy.allowHeaders and exposeHeaders ("*" allowed). */
    static Optional<String> corsName(String name) {
        if (name.isEmpty()) return Optional.of("header name cannot be empty");
        if (name.equals("*")) return Optional.empty();
        if (!TOKEN.matcher(name).matches()) return Optional.of("header name " + name + " is not a valid header name");
        return Optional.empty();
    }

    private static boolean internal(String name) { return name.startsWith(":") || name.equalsIgnoreCase("host"); }

    static boolean isAuthority(String name) { return name.equalsIgnoreCase(":authority") || name.equalsIgnoreCase("host"); }

    /** ValidateHTTPHeaderWithAuthorityOperationName: request headers to add or set (":authority"/"host" allowed). */
    static Optional<String> requestSetName(String name) {
        if (name.isEmpty()) return Optional.of("header name cannot be empty");
        if (internal(name) && !isAuthority(name)) {
            return Optional.of("invalid header " + GoText.quote(name) + ": header cannot have \":\" prefix");
        }
        return Optional.empty();
    }

    /** ValidateHTTPHeaderOperationName: request headers to remove, and all response header operations. */
    static Optional<String> operationName(String name) {
        if (name.isEmpty()) return Optional.of("header name cannot be empty");
        if (name.equalsIgnoreCase("host")) return Optional.of("invalid header " + GoText.quote(name) + ": cannot set Host header");
        if (internal(name)) return Optional.of("invalid header " + GoText.quote(name) + ": header cannot have \":\" prefix");
        return Optional.empty();
    }

    /** ValidateHTTPHeaderValue: no control characters, and Envoy's %VARIABLE% syntax well formed. */
    static Optional<String> value(String value) {
        if (!VALUE.matcher(value).matches()) return Optional.of("header value configuration " + value + " is invalid");
        return envoyFormat(value).map(e -> "header value configuration: " + e);
    }

    private enum State { LITERAL, VARIABLE, EXPECT_ARRAY, EXPECT_STRING, STRING, EXPECT_DELIMITER, EXPECT_ARGS_END, EXPECT_VARIABLE_END }

    /** The state machine of Envoy's header_parser.cc as Istio ports it: "100%%" and "%HOSTNAME%" fine, "a%b" not. */
    private static Optional<String> envoyFormat(String v) {
        State state = State.LITERAL;
        for (int pos = 0; pos < v.length(); pos++) {
            char ch = v.charAt(pos);
            boolean hasNext = pos + 1 < v.length();
            switch (state) {
                case LITERAL -> {
                    if (ch != '%') break;
                    if (!hasNext) return Optional.of("invalid header configuration. Un-escaped %");
                    if (v.charAt(pos + 1) == '%') {
                        pos++;
                        break;
                    }
                    state = State.VARIABLE;
                }
                case VARIABLE -> {
                    if (ch == '%') state = State.LITERAL;
                    else if (ch == '(') state = State.EXPECT_ARRAY;
                }
                case EXPECT_ARRAY -> {
                    if (ch == '[') state = State.EXPECT_STRING;
                    else if (ch != ' ') state = State.STRING;
                }
                case EXPECT_DELIMITER -> {
                    if (ch == ',') state = State.EXPECT_STRING;
                    else if (ch == ']') state = State.EXPECT_ARGS_END;
                    else if (ch != ' ') return Optional.of("invalid header configuration. Expecting ',', ']', or whitespace");
                }
                case EXPECT_STRING -> {
                    if (ch == '"') state = State.STRING;
                    else if (ch != ' ') return Optional.of("invalid header configuration. Expecting '\"'");
                }
                case STRING -> {
                    if (ch == '\\') {
                        if (!hasNext) return Optional.of("invalid header configuration. Un-terminated backslash in JSON string");
                        pos++;
                    } else if (ch == ')') {
                        state = State.EXPECT_VARIABLE_END;
                    } else if (ch == '"') {
                        state = State.EXPECT_DELIMITER;
                    }
                }
                case EXPECT_ARGS_END -> {
                    if (ch == ')') state = State.EXPECT_VARIABLE_END;
                    else if (ch != ' ') {
                        return Optional.of("invalid header configuration. Expecting ')' or whitespace after '{}', but found '{}'");
                    }
                }
                case EXPECT_VARIABLE_END -> {
                    if (ch == '%') state = State.LITERAL;
                    else if (ch != ' ') return Optional.of("invalid header configuration. Expecting '%' or whitespace after");
                }
            }
        }
        if (state != State.LITERAL) {
            return Optional.of("invalid header configuration. Un-terminated variable expression '" + v + "'");
        }
        return Optional.empty();
    }
}
