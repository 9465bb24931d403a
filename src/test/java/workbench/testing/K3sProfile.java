package workbench.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import workbench.backend.choice.Backends;

/**
 * Lets {@link StartsK3s} tests run only when the pom's {@code k3s} profile set {@value #PROPERTY}=true.
 * With the profile and no Docker engine the tests fail: the profile was asked for, so silence would mislead.
 */
public final class K3sProfile implements ExecutionCondition {
    public static final String PROPERTY = "workbench.k3s";
    public static final String HOW_TO_ENABLE = "k3s tests start a cluster (minutes, about 1 GB of downloads) and run only with "
            + "`mvn test -Pk3s` on a machine with Docker that allows privileged containers";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return decide(Boolean.getBoolean(PROPERTY), Backends::dockerAnswers);
    }

    static ConditionEvaluationResult decide(boolean profileOn, java.util.function.BooleanSupplier dockerAnswers) {
        if (!profileOn) return ConditionEvaluationResult.disabled(HOW_TO_ENABLE);
        if (!dockerAnswers.getAsBoolean()) {
            throw new IllegalStateException("-Pk3s asks for the k3s tests, but no Docker engine answered ("
                    + Backends.dockerWhere() + "); start Docker or run without -Pk3s");
        }
        return ConditionEvaluationResult.enabled("-Pk3s and a Docker engine answered");
    }
}
