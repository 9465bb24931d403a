package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Go behaviours the messages depend on: time.ParseDuration and fmt's %v/%q. */
class GoFormatsTest {

    // time.ParseDuration (used by the CRD's CEL duration() and by istiod's jsonpb decoding): value in ns, or -1 = error.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "10s, 10000000000", "1.5s, 1500000000", "1h30m, 5400000000000", "300ms, 300000000", "0, 0", "0s, 0",
        "-1s, -1000000000", "1us, 1000", "2.5ms, 2500000", ".5s, 500000000", "1m, 60000000000",
        "10, -1", "1d, -1", "'', -1", "s, -1", "1.s, 1000000000", "1 s, -1", "+5ms, 5000000",
    })
    void durations(String text, long nanos) {
        var d = GoDuration.parse(text);
        if (nanos == -1) assertThat(d).isEmpty();
        else assertThat(d).hasValue(nanos);
    }

    // fmt %v of a float64: shortest digits; exponent form below 1e-4 and from 1e6 on.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"150, 150", "150.5, 150.5", "-1, -1", "0.00001, 1e-05", "0.0001, 0.0001", "1000000, 1e+06",
        "123456, 123456", "1234567, 1.234567e+06", "0, 0"})
    void floats(double v, String expected) {
        assertThat(GoText.floatV(v)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"reviews | \"reviews\"", "a\"b | \"a\\\"b\"", "x\\y | \"x\\\\y\"", "é | \"é\""})
    void quoting(String s, String expected) {
        assertThat(GoText.quote(s)).isEqualTo(expected);
    }
}
