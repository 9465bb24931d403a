package workbench.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import workbench.istio.LoadBalancerSettings;

/** The load-balancing algorithms pilot picks (cluster_traffic_policy.go applyLoadBalancer) as Envoy runs them. */
class LoadBalancerTest {
    static final List<Pod> THREE = List.of(MeshFixture.REVIEWS_V1, MeshFixture.REVIEWS_V2, MeshFixture.REVIEWS_V3);

    @Test
    void pilotsChoiceOfAlgorithm() {
        assertThat(LoadBalancer.forPolicy(Optional.empty())).isInstanceOf(LeastRequestBalancer.class);
        assertThat(LoadBalancer.forPolicy(Optional.of(new LoadBalancerSettings(LoadBalancerSettings.Simple.LEAST_CONN, Optional.empty()))))
                .isInstanceOf(LeastRequestBalancer.class);
        assertThat(LoadBalancer.forPolicy(Optional.of(new LoadBalancerSettings(LoadBalancerSettings.Simple.ROUND_ROBIN, Optional.empty()))))
                .isInstanceOf(RoundRobinBalancer.class);
        assertThat(LoadBalancer.forPolicy(Optional.of(new LoadBalancerSettings(LoadBalancerSettings.Simple.RANDOM, Optional.empty()))))
                .isInstanceOf(RandomBalancer.class);
        var hash = new LoadBalancerSettings.ConsistentHash(LoadBalancerSettings.ConsistentHash.Key.HEADER, "x", Optional.empty(), "", 0);
        assertThat(LoadBalancer.forPolicy(Optional.of(new LoadBalancerSettings(LoadBalancerSettings.Simple.UNSPECIFIED, Optional.of(hash)))))
                .isInstanceOf(RingHashBalancer.class);
    }

    @Test
    void roundRobinVisitsEveryHostInTurn() {
        RoundRobinBalancer rr = new RoundRobinBalancer();
        SplittableRandom random = new SplittableRandom(3);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 9; i++) order.add(rr.pick(THREE, OptionalLong.empty(), p -> 0, random).version());
        assertThat(order.subList(0, 3)).containsExactlyInAnyOrder("v1", "v2", "v3");
        assertThat(order.subList(3, 6)).isEqualTo(order.subList(0, 3));
        assertThat(order.subList(6, 9)).isEqualTo(order.subList(0, 3));
    }

    @Test
    void leastRequestAvoidsABusyHost() {
        // P2C: with two draws, the busy host wins only when both draws land on it (probability 1/9)
        LeastRequestBalancer lr = new LeastRequestBalancer();
        SplittableRandom random = new SplittableRandom(5);
        int busy = 0;
        for (int i = 0; i < 9000; i++) {
            Pod p = lr.pick(THREE, OptionalLong.empty(), pod -> pod == MeshFixture.REVIEWS_V1 ? 10 : 0, random);
            if (p == MeshFixture.REVIEWS_V1) busy++;
        }
        var v = workbench.verdict.SplitTest.test(workbench.verdict.ExpectedSplit.exactly(Map.of("busy", 1 / 9.0, "idle", 8 / 9.0), "p2c"),
                Map.of("busy", (long) busy, "idle", 9000L - busy), workbench.verdict.SplitTest.DEFAULT_ALPHA);
        assertThat(v.passed()).as(v.summary(workbench.article.Language.EN)).isTrue();
    }

    @Test
    void ringHashSendsAKeyToTheSameHostEveryTime() {
        RingHashBalancer ring = new RingHashBalancer(1024);
        SplittableRandom random = new SplittableRandom(1);
        for (String user : List.of("jason", "alice", "bob", "carol")) {
            long key = Hashing.hash64(user);
            Set<String> hosts = new HashSet<>();
            for (int i = 0; i < 50; i++) hosts.add(ring.pick(THREE, OptionalLong.of(key), p -> 0, random).name());
            assertThat(hosts).as(user).hasSize(1);
        }
    }

    @Test
    void ringHashKeepsMostKeysWhereTheyWereWhenAHostLeaves() {
        // Envoy rebuilds the ring with more points per remaining host, so a few keys of survivors move too
        RingHashBalancer ring = new RingHashBalancer(1024);
        SplittableRandom random = new SplittableRandom(1);
        List<Pod> two = List.of(MeshFixture.REVIEWS_V1, MeshFixture.REVIEWS_V2);
        int survivors = 0;
        int stayed = 0;
        for (int k = 0; k < 1000; k++) {
            long key = Hashing.hash64("user-" + k);
            Pod before = ring.pick(THREE, OptionalLong.of(key), p -> 0, random);
            Pod after = ring.pick(two, OptionalLong.of(key), p -> 0, random);
            if (before == MeshFixture.REVIEWS_V3) continue;
            survivors++;
            if (after == before) stayed++;
        }
        assertThat(stayed).isGreaterThan(survivors * 3 / 4);
    }

    @Test
    void theRouterGivesTheSameKeyToTheSameHeaderValue() {
        String yaml = MeshFixture.REVIEWS_SUBSETS.replace("  subsets:",
                "  trafficPolicy:\n    loadBalancer:\n      consistentHash: {httpHeaderName: end-user}\n  subsets:");
        var jason1 = (RouteDecision.Forward) MeshFixture.route(yaml, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/r", "end-user", "jason"));
        var jason2 = (RouteDecision.Forward) MeshFixture.route(yaml, MeshFixture.FORTIO, MeshFixture.get("http://reviews:9080/x", "end-user", "jason"));
        var alice = (RouteDecision.Forward) MeshFixture.route(yaml, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/r", "end-user", "alice"));
        var nobody = (RouteDecision.Forward) MeshFixture.route(yaml, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/r"));
        assertThat(jason1.hash().value()).isEqualTo(jason2.hash().value()).isPresent();
        assertThat(alice.hash().value()).isNotEqualTo(jason1.hash().value());
        assertThat(nobody.hash().value()).as("no header, no key").isEmpty();
    }

    @Test
    void sourceIpQueryParameterAndCookieKeys() {
        String base = MeshFixture.REVIEWS_SUBSETS.replace("  subsets:", "  trafficPolicy:\n    loadBalancer:\n      consistentHash: %s\n  subsets:");
        String sourceIp = base.formatted("{useSourceIp: true}");
        var fromProductpage = (RouteDecision.Forward) MeshFixture.route(sourceIp, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/a"));
        var fromProductpageAgain = (RouteDecision.Forward) MeshFixture.route(sourceIp, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/b"));
        var fromFortio = (RouteDecision.Forward) MeshFixture.route(sourceIp, MeshFixture.FORTIO, MeshFixture.get("http://reviews:9080/a"));
        assertThat(fromProductpage.hash().value()).isEqualTo(fromProductpageAgain.hash().value()).isNotEqualTo(fromFortio.hash().value());

        String query = base.formatted("{httpQueryParameterName: u}");
        assertThat(((RouteDecision.Forward) MeshFixture.route(query, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/a?u=1"))).hash().value())
                .isEqualTo(((RouteDecision.Forward) MeshFixture.route(query, MeshFixture.FORTIO, MeshFixture.get("http://reviews:9080/b?x=2&u=1"))).hash().value());

        String cookie = base.formatted("{httpCookie: {name: user, ttl: 60s, path: /}}");
        var minted = (RouteDecision.Forward) MeshFixture.route(cookie, MeshFixture.PRODUCTPAGE, MeshFixture.get("http://reviews:9080/a"));
        assertThat(minted.hash().setCookie()).get().asString().startsWith("user=\"").endsWith("\"; Max-Age=60; Path=/; HttpOnly");
        String value = minted.hash().setCookie().get().split("\"")[1];
        var returning = (RouteDecision.Forward) MeshFixture.route(cookie, MeshFixture.FORTIO,
                MeshFixture.get("http://reviews:9080/b", "cookie", "a=b; user=\"" + value + "\""));
        assertThat(returning.hash().value()).isEqualTo(minted.hash().value());
        assertThat(returning.hash().setCookie()).isEmpty();
    }
}
