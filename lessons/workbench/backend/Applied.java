package workbench.backend;

import java.time.Duration;
import java.util.List;

/**
 * What an apply did: kubectl's verb for each document, in order ("created", "configured" or "unchanged", as
 * judged from the cluster's own answer or, on the embedded mesh, against what was in force), and how long it
 * took until every sidecar had the configuration.
 */
public record Applied(Duration inEffect, List<String> verbs) {
    public static final String CREATED = "created";
    public static final String CONFIGURED = "configured";
    public static final String UNCHANGED = "unchanged";

    public Applied {
        verbs = List.copyOf(verbs);
    }
}
