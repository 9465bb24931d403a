package workbench.canary;

import java.util.List;

/** The whole run: every interval, the final phase and weight, the VirtualService left in force, and the wall time. */
public record CanaryReport(CanarySpec spec, Criteria criteria, List<StepReport> steps, Phase phase, int finalCanaryWeight,
                           List<workbench.manifest.Document> finalRoute, double seconds) {
    public boolean promoted() { return phase == Phase.SUCCEEDED; }
}
