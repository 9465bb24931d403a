package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {

    @Test
    void eventsAreReadLikeKubectlShowsThem() {
        Event e = new EventBuilder().withLastTimestamp("2026-11-28T14:00:05Z").withType("Warning").withReason("Failed")
                .withMessage("Failed to pull image \"docker.io/istio/examples-bookinfo-reviews-v2:1.20.3\": 429 Too Many Requests\n")
                .withNewInvolvedObject().withKind("Pod").withName("reviews-v2-abc").endInvolvedObject().build();
        assertThat(Diagnostics.EventLine.of(e)).isEqualTo(new Diagnostics.EventLine("2026-11-28T14:00:05Z", "Pod/reviews-v2-abc",
                "Warning", "Failed", "Failed to pull image \"docker.io/istio/examples-bookinfo-reviews-v2:1.20.3\": 429 Too Many Requests"));
    }

    @Test
    void newestEventsLastThenLogTails() {
        List<Diagnostics.EventLine> events = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> events.add(new Diagnostics.EventLine(String.format("2026-01-01T00:00:%02dZ", 19 - i),
                "Pod/p", "Normal", "R" + (19 - i), "m")));
        Map<String, List<String>> tails = new LinkedHashMap<>();
        tails.put("reviews-v1-a/reviews", IntStream.range(0, 30).mapToObj(i -> "line " + i).toList());
        String text = Diagnostics.format("default", events, tails);

        assertThat(text).startsWith("Recent events in namespace default:\n  2026-01-01T00:00:05Z  Normal  Pod/p  R5: m\n");
        assertThat(text).doesNotContain(" R4:").contains("  2026-01-01T00:00:19Z  Normal  Pod/p  R19: m\n");
        assertThat(text).contains("Last 20 log lines of reviews-v1-a/reviews:\n  | line 10\n").endsWith("  | line 29\n");
    }

    @Test
    void nothingToSayIsEmpty() {
        assertThat(Diagnostics.format("default", List.of(), Map.of())).isEmpty();
    }
}
