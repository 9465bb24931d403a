package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import workbench.istio.ConnectionPoolSettings;
import workbench.istio.DestinationRule;
import workbench.istio.LoadBalancerSettings;
import workbench.istio.TrafficPolicy;

/** pilot/pkg/networking/util MergeSubsetTrafficPolicy: whole top-level parts are replaced, never merged field by field. */
class PolicyMergeTest {

    static DestinationRule rule(String trafficPolicyAndSubsets) {
        return MeshFixture.config("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec:
                  host: reviews
                """ + trafficPolicyAndSubsets.indent(2)).destinationRules().get(0);
    }

    static final String TOP = """
            trafficPolicy:
              loadBalancer: {simple: ROUND_ROBIN}
              connectionPool:
                tcp: {maxConnections: 1}
                http: {http1MaxPendingRequests: 1}
              outlierDetection: {consecutive5xxErrors: 1}
            """;

    @Test
    void aSubsetWithoutPolicyInheritsTheRulesPolicy() {
        TrafficPolicy p = PolicyMerge.effective(Optional.of(rule(TOP + "subsets:\n- name: v1\n  labels: {version: v1}\n")), "v1", 9080);
        assertThat(p.loadBalancer().get().simple()).isEqualTo(LoadBalancerSettings.Simple.ROUND_ROBIN);
        assertThat(p.connectionPool().get().maxConnections()).isEqualTo(1);
        assertThat(p.outlierDetection()).isPresent();
    }

    @Test
    void aSubsetPartReplacesTheWholePart() {
        DestinationRule dr = rule(TOP + """
                subsets:
                - name: v1
                  labels: {version: v1}
                  trafficPolicy:
                    connectionPool:
                      http: {http2MaxRequests: 5}
                """);
        TrafficPolicy p = PolicyMerge.effective(Optional.of(dr), "v1", 9080);
        ConnectionPoolSettings pool = p.connectionPool().get();
        assertThat(pool.http2MaxRequests()).isEqualTo(5);
        assertThat(pool.maxConnections()).as("not inherited from the rule's tcp settings").isZero();
        assertThat(pool.http1MaxPendingRequests()).isZero();
        assertThat(ConnectionPool.Limits.of(p.connectionPool()).maxConnections()).isEqualTo(ConnectionPool.UNLIMITED);
        assertThat(p.loadBalancer().get().simple()).as("other parts stay").isEqualTo(LoadBalancerSettings.Simple.ROUND_ROBIN);
        assertThat(p.outlierDetection()).isPresent();
    }

    @Test
    void portLevelSettingsReplaceTheRulesPolicyWithoutInheriting() {
        DestinationRule dr = rule(TOP.replace("  outlierDetection: {consecutive5xxErrors: 1}\n", """
                  outlierDetection: {consecutive5xxErrors: 1}
                  portLevelSettings:
                  - port: {number: 9080}
                    loadBalancer: {simple: RANDOM}
                """));
        TrafficPolicy p = PolicyMerge.effective(Optional.of(dr), "", 9080);
        assertThat(p.loadBalancer().get().simple()).isEqualTo(LoadBalancerSettings.Simple.RANDOM);
        assertThat(p.connectionPool()).isEmpty();
        assertThat(p.outlierDetection()).isEmpty();
        assertThat(PolicyMerge.effective(Optional.of(dr), "", 8080).connectionPool()).isPresent();
    }

    @Test
    void aSubsetPortLevelEntryReplacesEveryPart() {
        DestinationRule dr = rule(TOP + """
                subsets:
                - name: v1
                  labels: {version: v1}
                  trafficPolicy:
                    portLevelSettings:
                    - port: {number: 9080}
                      loadBalancer: {simple: LEAST_REQUEST}
                """);
        TrafficPolicy p = PolicyMerge.effective(Optional.of(dr), "v1", 9080);
        assertThat(p.loadBalancer().get().simple()).isEqualTo(LoadBalancerSettings.Simple.LEAST_REQUEST);
        assertThat(p.connectionPool()).isEmpty();
        assertThat(p.outlierDetection()).isEmpty();
    }

    @Test
    void noRuleNoPolicy() {
        assertThat(PolicyMerge.effective(Optional.empty(), "", 9080)).isEqualTo(TrafficPolicy.NONE);
    }

    @Test
    void theRouterHandsTheMergedPolicyToTheCluster() {
        String yaml = """
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: reviews}
                spec:
                  host: reviews
                  trafficPolicy:
                    loadBalancer: {simple: RANDOM}
                  subsets:
                  - name: v1
                    labels: {version: v1}
                    trafficPolicy:
                      loadBalancer: {simple: ROUND_ROBIN}
                """;
        RouteDecision d = MeshFixture.route(yaml, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/reviews/0"));
        assertThat(((RouteDecision.Forward) d).cluster().policy().loadBalancer().get().simple())
                .as("default route, no subset").isEqualTo(LoadBalancerSettings.Simple.RANDOM);
    }
}
