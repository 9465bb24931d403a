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
