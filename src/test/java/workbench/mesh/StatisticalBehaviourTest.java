package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import workbench.verdict.ExpectedSplit;
import workbench.verdict.SplitTest;
import workbench.verdict.SplitVerdict;

/**
 * Everything drawn at random, checked with the workbench's exact binomial test (alpha 1e-6) rather than
 * hand-picked tolerances, and replayed from a seed.
 */
class StatisticalBehaviourTest {
    static final int N = 4000;

    static void assertSplit(Map<String, Double> expected, Map<String, Long> observed) {
        SplitVerdict v = SplitTest.test(ExpectedSplit.exactly(expected, "test"), observed, SplitTest.DEFAULT_ALPHA);
        assertThat(v.passed()).as(v.summary(workbench.article.Language.EN)).isTrue();
    }

    static Map<String, Long> count(String yaml, MeshRequest request, long seed, Function<RouteDecision, String> key) {
        MeshConfig config = MeshFixture.config(yaml);
        Registry registry = MeshFixture.bookinfo();
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < N; i++) {
            counts.merge(key.apply(Router.route(config, registry, MeshFixture.PRODUCTPAGE, request, random)), 1L, Long::sum);
        }
        return counts;
    }

    static String subset(RouteDecision d) { return d instanceof RouteDecision.Forward f ? f.subset() : "local " + ((RouteDecision.LocalReply) d).status(); }

    static final MeshRequest R0 = MeshFixture.get("http://reviews:9080/reviews/0");

    @Test
    void weightsSplitTrafficInProportion() {
        // virtual-service-reviews-80-20.yaml; API: "weight/(sum of all weights)"
        String yaml = RouterConformanceTest.reviews("""
                - route:
                  - destination: {host: reviews, subset: v1}
                    weight: 80
                  - destination: {host: reviews, subset: v2}
                    weight: 20
                """);
        assertSplit(Map.of("v1", 0.8, "v2", 0.2), count(yaml, R0, 11, StatisticalBehaviourTest::subset));
    }

    @Test
    void weightsAreRelativeAndZeroIsNeverChosen() {
        // Istio 1.15+ no longer requires a sum of 100 (istio-facts §1); pilot drops weight-0 destinations
        String yaml = RouterConformanceTest.reviews("""
                - route:
                  - destination: {host: reviews, subset: v1}
                    weight: 1
                  - destination: {host: reviews, subset: v2}
                    weight: 0
                  - destination: {host: reviews, subset: v3}
                    weight: 3
                """);
        assertSplit(Map.of("v1", 0.25, "v3", 0.75), count(yaml, R0, 12, StatisticalBehaviourTest::subset));
    }

    @Test
    void faultPercentagesAbortThatShare() {
        // API HTTPFaultInjection.Abort.percentage; Envoy: random % 1e6 < value * 1e4
        String yaml = RouterConformanceTest.reviews("""
                - fault:
                    abort: {percentage: {value: 12.5}, httpStatus: 503}
                  route:
                  - destination: {host: reviews, subset: v1}
                """);
        assertSplit(Map.of("v1", 0.875, "local 503", 0.125), count(yaml, R0, 13, StatisticalBehaviourTest::subset));
    }

    @Test
    void faultDelayPercentage() {
        String yaml = RouterConformanceTest.reviews("""
                - fault:
                    delay: {percentage: {value: 40}, fixedDelay: 5s}
                  route:
                  - destination: {host: reviews, subset: v1}
                """);
        assertSplit(Map.of("delayed", 0.4, "prompt", 0.6), count(yaml, R0, 14,
                d -> ((RouteDecision.Forward) d).faultDelay().isZero() ? "prompt" : "delayed"));
    }

    @Test
    void mirrorPercentage() {
        String yaml = RouterConformanceTest.reviews("""
                - route:
                  - destination: {host: reviews, subset: v1}
                  mirror: {host: reviews, subset: v2}
                  mirrorPercentage: {value: 30}
                """);
        assertSplit(Map.of("mirrored", 0.3, "not", 0.7), count(yaml, R0, 15,
                d -> ((RouteDecision.Forward) d).mirrors().isEmpty() ? "not" : "mirrored"));
    }

    @Test
    void theSameSeedReplaysTheSameDecisions() {
        String yaml = RouterConformanceTest.reviews("""
                - route:
                  - destination: {host: reviews, subset: v1}
                    weight: 50
                  - destination: {host: reviews, subset: v3}
                    weight: 50
                  fault:
                    abort: {percentage: {value: 10}, httpStatus: 500}
                """);
        MeshConfig config = MeshFixture.config(yaml);
        Registry registry = MeshFixture.bookinfo();
        List<String> first = replay(config, registry, 99);
        assertThat(replay(config, registry, 99)).isEqualTo(first);
        assertThat(replay(config, registry, 100)).isNotEqualTo(first);
    }

    private static List<String> replay(MeshConfig config, Registry registry, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> subset(Router.route(config, registry, MeshFixture.PRODUCTPAGE, R0, random))).toList();
    }

    static final List<Pod> THREE = List.of(MeshFixture.REVIEWS_V1, MeshFixture.REVIEWS_V2, MeshFixture.REVIEWS_V3);

    static Map<String, Long> picks(LoadBalancer lb, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < N; i++) counts.merge(lb.pick(THREE, OptionalLong.empty(), p -> 0, random).version(), 1L, Long::sum);
        return counts;
    }

    static final Map<String, Double> THIRDS = Map.of("v1", 1 / 3.0, "v2", 1 / 3.0, "v3", 1 / 3.0);

    @Test
    void randomIsUniform() { assertSplit(THIRDS, picks(new RandomBalancer(), 21)); }

    @Test
    void leastRequestAmongIdleHostsIsUniform() { assertSplit(THIRDS, picks(new LeastRequestBalancer(), 22)); }

    @Test
    void ringHashWithoutAKeyIsRandom() {
        // Envoy: no hash key → a random one; with 3 hosts each owns about a third of the ring, not exactly
        Map<String, Long> counts = picks(new RingHashBalancer(1024), 23);
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(N / 5L, N / 2L));
    }
}
