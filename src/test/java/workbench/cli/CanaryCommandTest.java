package workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code jbang canary@catalog} as the README documents it: exit codes, one-line errors, the JSON keys. */
class CanaryCommandTest {
    record Result(int exit, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CanaryCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(exit, out.toString(), err.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown service        | --service nope --stable v1 --canary v3 --steps 10,20    | --service nope: no such Service",
            "unknown subset         | --service reviews --stable v1 --canary v9 --steps 10,20 | subset v9 of reviews is not defined by any DestinationRule (defined: v1, v2, v3)",
            "steps not increasing   | --service reviews --stable v1 --canary v3 --steps 20,10 | --steps: 10 after 20 does not increase",
            "step of 100            | --service reviews --stable v1 --canary v3 --steps 50,100 | --steps: 100 is outside (0, 100)",
            "step of 0              | --service reviews --stable v1 --canary v3 --steps 0,10  | --steps: 0 is outside (0, 100)",
            "threshold 0            | --service reviews --stable v1 --canary v3 --steps 10 --threshold 0 | --threshold 0 < 1",
            "percentage over 100    | --service reviews --stable v1 --canary v3 --steps 10 --min-success 101 | --min-success 101 is not a percentage in [0, 100]",
            "percentage below 0     | --service reviews --stable v1 --canary v3 --steps 10 --min-success -1 | --min-success -1 is not a percentage in [0, 100]",
            "same subset twice      | --service reviews --stable v3 --canary v3 --steps 10 | --stable and --canary are both v3",
            "missing file           | --service reviews --stable v1 --canary v3 --steps 10 -f nowhere.yaml | nowhere.yaml: no such file",
            "steps not numbers      | --service reviews --stable v1 --canary v3 --steps ten | Invalid value for option '--steps'"})
    void badInputIsOneLineAndExitTwoBeforeAnythingStarts(String why, String args, String message) {
        Result r = run(args.trim().split("\\s+"));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").contains(message).doesNotContain("Exception", "embedded:");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aHealthyCanaryIsPromotedWithExitZeroAndOneJsonObject() throws Exception {
        Result r = run("--service", "reviews", "--stable", "v1", "--canary", "v3", "--steps", "10,50", "--seed", "5", "--json");
        assertThat(r.exit()).as(r.err()).isEqualTo(CanaryCommand.PROMOTED);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(r.out().strip().lines()).hasSize(1);
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("service", "stable", "canary", "steps", "phase", "outcome", "finalCanaryWeight", "failedChecks", "seconds");
        assertThat(json.get("outcome").asText()).isEqualTo("promoted");
        assertThat(json.get("finalCanaryWeight").asInt()).isEqualTo(100);
        JsonNode first = json.get("steps").get(0);
        List<String> stepKeys = new ArrayList<>();
        first.fieldNames().forEachRemaining(stepKeys::add);
        assertThat(stepKeys).containsExactly("interval", "canaryWeight", "requests", "canaryRequests", "canaryErrors", "stableRequests",
                "stableErrors", "successRate", "p99Ms", "gates", "decision", "failedChecks");
        assertThat(first.get("canaryRequests").asLong() + first.get("stableRequests").asLong()).isEqualTo(first.get("requests").asLong());
        assertThat(first.get("gates").get("request-success-rate").get("passed").asBoolean()).isTrue();
    }

    @Test
    void aCanarySlowedByExtraConfigIsRolledBackWithExitOne() {
        Result r = run("--service", "reviews", "--stable", "v1", "--canary", "v3", "--steps", "10,20,50", "--threshold", "1",
                "-f", "manifests/ratings-delay-reviews-v3.yaml", "--seed", "6");
        assertThat(r.exit()).as(r.err()).isEqualTo(CanaryCommand.ROLLED_BACK);
        // Flagger's initialisation: the slowed v3 gets none of the warm-up
        assertThat(r.err()).contains("initialised: reviews v1 100% / v3 0%; 100 warm-up pages, reviews as the pages showed it: {v1=100}");
        assertThat(r.out()).contains("#1 canary 10%", "✗ request-duration: P99", "→ rollback (failedChecks 1)",
                "rolled back: reviews v1 100% / v3 0% (phase Failed, failedChecks 1");
    }
}
