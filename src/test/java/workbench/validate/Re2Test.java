package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * istiod compiles every regex of a VirtualService with Go's regexp.Compile (validateStringRegexp), so a pattern is
 * valid exactly when RE2 syntax, as Go's regexp/syntax parses it, accepts it. Expected texts are Go's
 * {@code *syntax.Error}: "error parsing regexp: CODE: `EXPR`". Invalid cases are taken from Go's own
 * regexp/syntax parse_test.go (invalidRegexps), plus the Java-only constructs people carry over.
 */
class Re2Test {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        // Go parse_test.go invalidRegexps
        "( => missing closing ): `(`",
        ") => unexpected ): `)`",
        "(a => missing closing ): `(a`",
        "a) => unexpected ): `a)`",
        "(a)) => unexpected ): `(a))`",
        "(a|b| => missing closing ): `(a|b|`",
        "a|b|) => unexpected ): `a|b|)`",
        "[a-z => missing closing ]: `[a-z`",
        "([a-z) => missing closing ]: `[a-z)`",
        "x{1001} => invalid repeat count: `{1001}`",
        "x{9876543210} => invalid repeat count: `{9876543210}`",
        "x{2,1} => invalid repeat count: `{2,1}`",
        "x{1,9876543210} => invalid repeat count: `{1,9876543210}`",
        "(?P<name>a => missing closing ): `(?P<name>a`",
        "(?P<name => invalid named capture: `(?P<name`",
        "(?P<x y>a) => invalid named capture: `(?P<x y>`",
        "(?P<>a) => invalid named capture: `(?P<>`",
        "(?<>a) => invalid named capture: `(?<>`",
        "[a-Z] => invalid character class range: `a-Z`",
        "(?i)[a-Z] => invalid character class range: `a-Z`",
        "\\Q\\E* => missing argument to repetition operator: `*`",
        "a{100000} => invalid repeat count: `{100000}`",
        "((((((((((x{2}){2}){2}){2}){2}){2}){2}){2}){2}){2}) => invalid repeat count: `{2}`",
        // Perl/Java constructs RE2 does not have: lookaround, backreferences, possessive and atomic forms
        "^/api(?=/v1) => invalid or unsupported Perl syntax: `(?=`",
        "^/api(?!/v1) => invalid or unsupported Perl syntax: `(?!`",
        "(?<=/api)/v1 => invalid named capture: `(?<=/api)/v1`",
        "(?<!x)y => invalid named capture: `(?<!x)y`",
        "(?>a+)b => invalid or unsupported Perl syntax: `(?>`",
        "(?#comment)a => invalid or unsupported Perl syntax: `(?#`",
        "(a)\\1 => invalid escape sequence: `\\1`",
        "(?P=name) => invalid or unsupported Perl syntax: `(?P`",
        "a*+ => invalid nested repetition operator: `*+`",
        "a++ => invalid nested repetition operator: `++`",
        "a** => invalid nested repetition operator: `**`",
        "a{2}{3} => invalid nested repetition operator: `{2}{3}`",
        "** => missing argument to repetition operator: `*`",
        "a|* => missing argument to repetition operator: `*`",
        "(*a) => missing argument to repetition operator: `*`",
        "/v1\\Z => invalid escape sequence: `\\Z`",
        "\\h+ => invalid escape sequence: `\\h`",
        "\\R => invalid escape sequence: `\\R`",
        "\\8 => invalid escape sequence: `\\8`",
        "\\C => invalid escape sequence: `\\C`",
        "[\\b] => invalid escape sequence: `\\b`",
        "\\x{110000} => invalid escape sequence: `\\x{110000`",
        "\\xZ1 => invalid escape sequence: `\\xZ1`",
        "\\pX => invalid character class range: `\\pX`",
        "\\p{Klingon} => invalid character class range: `\\p{Klingon}`",
        "[[:word2:]] => invalid character class range: `[:word2:]`",
        "(x{500}){3} => invalid repeat count: `{3}`",
        // Go's repeatIsValid walks every branch and counts {n,} as n (RE2J lacks this rule; Re2 adds it)
        "(a|b{501}){2} => invalid repeat count: `{2}`",
        "(x{2,}){501} => invalid repeat count: `{501}`",
        "(?:(?i)x{10}){101} => invalid repeat count: `{101}`",
        "abc\\ => trailing backslash at end of expression: ``",
    })
    void invalid(String pattern, String expected) {
        assertThat(Re2.check(pattern)).hasValue("error parsing regexp: " + expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '\'', value = {
        "^/api/v[0-9]+$", "/productpage.*", "(?i)^/Reviews", "(?P<id>[0-9]+)", "(?<id>[0-9]+)", "(?:a|b)+?",
        "\\pL+", "\\p{Greek}\\PN", "\\p{^Han}", "[[:alpha:]]+", "[^[:space:]]", "\\d{1,3}\\.\\d+", "x{0}", "x{1000}",
        "(x{500}){2}", "a{,3}", "a{", "{}", "\\Qa*b\\E+", "[]a]", "[a-]", "\\x41\\x{263a}\\101\\0", "^$", "()", "(|a)",
        "\\A\\bfoo\\B\\z", "[\\d\\s\\w-]", "a*?b+?c??", "\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\", "(?i-s:a.b)",
        "\\x{41}{1000}", "\\p{Greek}{1000}", "[{]{1000}", "\\Q{2}\\E{1000}", "(a{500}|b){2}", "(x{0}){1000}",
    })
    void valid(String pattern) {
        assertThat(Re2.check(pattern)).isEmpty();
    }
}
