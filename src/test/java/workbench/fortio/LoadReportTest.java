package workbench.fortio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** fortio's summary as fortio 1.x prints it (format strings in fortio's periodic/periodic.go and stats/stats.go). */
class LoadReportTest {

    /** The shape of the output in Istio's circuit-breaking task (-c 2 -qps 0 -n 20), trimmed of the bucket table. */
    private static final String REAL = """
            Fortio 1.3.1 running at 0 queries per second, 6->6 procs, for 20 calls: http://httpbin:8000/get
            Starting at max qps with 2 thread(s) [gomax 6] for exactly 20 calls (10 per thread + 0)
            Ended after 59.8524ms : 20 calls. qps=334.16
            Aggregated Function Time : count 20 avg 0.0056869 +/- 0.003869 min 0.000499 max 0.0144329 sum 0.113738
            # range, mid point, percentile, count
            >= 0.000499 <= 0.001 , 0.0007495 , 10.00, 2
            > 0.012 <= 0.0144329 , 0.0132164 , 100.00, 3
            # target 50% 0.00525
            # target 75% 0.00758333
            # target 90% 0.0115
            # target 99% 0.0142397
            # target 99.9% 0.0144136
            Error cases : count 3 avg 0.001 +/- 0 min 0.001 max 0.001 sum 0.003
            # target 50% 0.001
            Sockets used: 4 (for perfect keepalive, would be 2)
            Code 200 : 17 (85.0 %)
            Code 503 : 3 (15.0 %)
            Response Header Sizes : count 20 avg 195.65 +/- 82.19 min 0 max 231 sum 3913
            All done 20 calls (plus 0 warmup) 5.686 ms avg, 334.2 qps
            """;

    @Test
    void readsRealFortio() {
        LoadReport r = LoadReport.parse(REAL);
        assertThat(r.calls()).isEqualTo(20);
        assertThat(r.qps()).isEqualTo(334.16);
        assertThat(r.codes()).containsExactly(org.assertj.core.api.Assertions.entry(200, 17L), org.assertj.core.api.Assertions.entry(503, 3L));
        assertThat(r.min()).isEqualTo(0.000499);
        assertThat(r.avg()).isEqualTo(0.0056869);
        assertThat(r.max()).isEqualTo(0.0144329);
        assertThat(r.percentiles()).as("only the targets of all calls, not of the error cases")
                .containsExactly(org.assertj.core.api.Assertions.entry("50", 0.00525), org.assertj.core.api.Assertions.entry("75", 0.00758333),
                        org.assertj.core.api.Assertions.entry("90", 0.0115), org.assertj.core.api.Assertions.entry("99", 0.0142397),
                        org.assertj.core.api.Assertions.entry("99.9", 0.0144136));
        assertThat(r.codeLines()).containsExactly("Code 200 : 17 (85.0 %)", "Code 503 : 3 (15.0 %)");
    }

    @Test
    void readsWhatTheEmulatorWrites() {
        List<LoadGenerator.Call> calls = List.of(new LoadGenerator.Call(200, 0.002), new LoadGenerator.Call(503, 0.0005),
                new LoadGenerator.Call(200, 0.004), new LoadGenerator.Call(-1, 3.0));
        String text = LoadGenerator.text(Load.calls(3, 0, 4, "http://httpbin:8000/get"), 3, calls, Duration.ofMillis(3010));
        LoadReport r = LoadReport.parse(text);
        assertThat(r.calls()).isEqualTo(4);
        assertThat(r.codes()).containsEntry(200, 2L).containsEntry(503, 1L).containsEntry(-1, 1L);
        assertThat(r.min()).isEqualTo(0.0005);
        assertThat(r.max()).isEqualTo(3.0);
        assertThat(text).contains("Starting at max qps with 3 thread(s)", "for exactly 4 calls (1 per thread + 1)",
                "Ended after 3.01s : 4 calls.", "Code  -1 : 1 (25.0 %)", "Code 200 : 2 (50.0 %)");
    }

    @Test
    void saysWhichLineIsMissing() {
        assertThatThrownBy(() -> LoadReport.parse("Fortio 1.69.4 running\nError: connection refused\n"))
                .hasMessageContaining("Ended after");
    }

    @ParameterizedTest(name = "Go %.{1}g of {0} = {2}")
    @CsvSource({
            "0.0056869123, 8, 0.0056869123",
            "0.00568691234567, 8, 0.0056869123",
            "0.003869, 4, 0.003869",
            "0.0000123, 6, 1.23e-05",
            "334.1601, 5, 334.16",
            "123456, 5, 1.2346e+05",
            "0.5, 6, 0.5"})
    void goFloatFormatting(double value, int precision, String expected) {
        assertThat(GoFloat.g(value, precision)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} ns prints as {1}")
    @CsvSource({"59852400, 59.8524ms", "1567836683, 1.567836683s", "812000, 812µs", "1500000000, 1.5s"})
    void goDurations(long nanos, String expected) {
        assertThat(LoadGenerator.goDuration(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "-c {0} -n {1} is refused")
    @CsvSource({"0, 20, -c must be at least 1", "3, 0, -n must be at least 1", "-1, 5, -c must be at least 1"})
    void badFlags(int c, int n, String message) {
        assertThatThrownBy(() -> Load.calls(c, 0, n, "http://httpbin:8000/get")).hasMessageContaining(message);
    }

    @Test
    void theCommandAsTheReaderTypesIt() {
        assertThat(String.join(" ", Load.calls(3, 0, 20, "http://httpbin:8000/get").command()))
                .isEqualTo("fortio load -c 3 -qps 0 -n 20 -loglevel Warning http://httpbin:8000/get");
        assertThat(String.join(" ", Load.lasting(2, 10, Duration.ofSeconds(5), "http://httpbin:8000/get").command()))
                .isEqualTo("fortio load -c 2 -qps 10 -t 5s -loglevel Warning http://httpbin:8000/get");
    }
}
