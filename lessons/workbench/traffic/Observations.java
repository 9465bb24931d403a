package workbench.traffic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The observations of one bulk run and the time it took. */
public record Observations(List<Observation> all, Duration elapsed) {

    public int size() { return all.size(); }

    /** Responses per reviews version ("v1", "v3", "unavailable"...), in name order. */
    public Map<String, Long> byReviews() { return count(Observation::reviews); }

    /** Pages that showed a reviews version, per version: what a split is tested on. */
    public Map<String, Long> byVersion() {
        return all.stream().filter(Observation::showedVersion)
                .collect(Collectors.groupingBy(Observation::reviews, TreeMap::new, Collectors.counting()));
    }

    /**
     * Pages that showed no version, by why: "HTTP 503" (no page came back, 0 when the request itself failed),
     * "reviews unavailable" (productpage's error text), "no version found" (a page the parser could not read).
     */
    public Map<String, Long> errors() {
        return all.stream().filter(o -> !o.showedVersion()).collect(Collectors.groupingBy(
                o -> o.status() != 200 ? "HTTP " + o.status()
                        : o.reviews().equals(Observation.UNAVAILABLE) ? "reviews unavailable" : "no version found",
                TreeMap::new, Collectors.counting()));
    }

    public long errorCount() { return all.stream().filter(o -> !o.showedVersion()).count(); }

    public Map<String, Long> byRatings() { return count(Observation::ratings); }

    public Map<String, Long> byStatus() { return count(o -> Integer.toString(o.status())); }

    public double requestsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : all.size() / seconds;
    }

    private Map<String, Long> count(Function<Observation, String> key) {
        return all.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }
}
