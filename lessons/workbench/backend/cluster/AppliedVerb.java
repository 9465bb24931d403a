package workbench.backend.cluster;

import java.util.Objects;
import workbench.backend.Applied;

/** kubectl's verb for an apply, from the object's resourceVersion before and after (null: no object). */
final class AppliedVerb {
    private AppliedVerb() {}

    static String of(String resourceVersionBefore, String resourceVersionAfter) {
        if (resourceVersionBefore == null) return Applied.CREATED;
        // the API server bumps resourceVersion on every write that changes the object, and only then
        return Objects.equals(resourceVersionBefore, resourceVersionAfter) ? Applied.UNCHANGED : Applied.CONFIGURED;
    }
}
