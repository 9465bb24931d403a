package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import workbench.manifest.Document;

/**
 * istioctl analyze's cross-resource messages (Istio 1.28 pkg/config/analysis/msg/messages.yaml and the analyzers
 * under pkg/config/analysis/analyzers). Each row: the documents of the cluster and every finding expected as
 * "code path | message".
 */
class AnalyzeTest {

    private static final Document DR = Fixtures.dr("""
            host: reviews
            subsets:
            - {name: v1, labels: {version: v1}}
            - {name: v2, labels: {version: v2}}
            - {name: v3, labels: {version: v3}}
            """);

    private static Document service(String name, int... ports) {
        StringBuilder p = new StringBuilder();
        for (int port : ports) p.append("  - {name: http-").append(port).append(", port: ").append(port).append("}\n");
        return Fixtures.doc("apiVersion: v1\nkind: Service\nmetadata: {name: " + name + "}\nspec:\n  ports:\n" + p
                + "  selector: {app: " + name + "}\n");
    }

    private static Document deployment(String name, String app, String version, int replicas) {
        return Fixtures.doc("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\nspec:\n  replicas: " + replicas
                + "\n  selector: {matchLabels: {app: " + app + "}}\n  template:\n    metadata:\n      labels: {app: " + app
                + ", version: " + version + "}\n    spec:\n      containers: [{name: c, image: i}]\n");
    }

    private static Document routeTo(String... destinations) {
        StringBuilder b = new StringBuilder("hosts: [reviews]\nhttp:\n- route:\n");
        for (String d : destinations) b.append("  - destination: ").append(d).append("\n");
        return Fixtures.vs(b.toString());
    }

    static Stream<Arguments> cases() {
        return Stream.of(
            // DestinationRuleAnalyzer: a subset no DestinationRule defines (503 NC at run time)
            arguments("missing subset", List.of(DR, routeTo("{host: reviews, subset: v4}")),
                List.of("IST0101 spec.http[0].route[0].destination.subset | Referenced host+subset in destinationrule not found: \"reviews+v4\"")),
            arguments("no DestinationRule at all", List.of(routeTo("{host: reviews, subset: v1}")),
                List.of("IST0101 spec.http[0].route[0].destination.subset | Referenced host+subset in destinationrule not found: \"reviews+v1\"")),
            arguments("subset defined", List.of(DR, routeTo("{host: reviews, subset: v1}")), List.of()),
            // InjectionAnalyzer (IST0102, istio.io/latest/docs/reference/config/analysis/ist0102): a namespace saying nothing about injection
            arguments("namespace without injection label", List.of(Fixtures.doc("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n")),
                List.of("IST0102 metadata.labels | The namespace is not enabled for Istio injection. Run 'kubectl label namespace shop istio-injection=enabled' to enable it, or 'kubectl label namespace shop istio-injection=disabled' to explicitly mark it as not needing injection.")),
            arguments("namespace with injection enabled", List.of(Fixtures.doc("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n")), List.of()),
            arguments("namespace explicitly disabled", List.of(Fixtures.doc("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: disabled}}\n")), List.of()),
            arguments("namespace with a revision label", List.of(Fixtures.doc("apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio.io/rev: default}}\n")), List.of()),
            // util.GetResourceNameFromHost: the FQDN and the short name are the same service
            arguments("FQDN destination, short DR host", List.of(DR, routeTo("{host: reviews.default.svc.cluster.local, subset: v2}")), List.of()),
            // ... but "reviews.default" is taken as a name of its own
            arguments("half-qualified host", List.of(DR, routeTo("{host: reviews.default, subset: v2}")),
                List.of("IST0101 spec.http[0].route[0].destination.subset | Referenced host+subset in destinationrule not found: \"reviews.default+v2\"")),
            arguments("mirror subset", List.of(DR, Fixtures.vs("hosts: [reviews]\nhttp:\n- route:\n  - destination: {host: reviews, subset: v1}\n  mirror: {host: reviews, subset: v9}\n")),
                List.of("IST0101 spec.http[0].mirror.subset | Referenced mirror+subset in destinationrule not found: \"reviews+v9\"")),
            // DestinationHostAnalyzer (only when the documents include Services)
            arguments("unknown host", List.of(service("reviews", 9080), routeTo("{host: reviewz}")),
                List.of("IST0101 spec.http[0].route[0].destination.host | Referenced host not found: \"reviewz\"")),
            arguments("unknown port", List.of(service("reviews", 9080), routeTo("{host: reviews, port: {number: 9090}}")),
                List.of("IST0101 spec.http[0].route[0].destination.port.number | Referenced host:port not found: \"reviews:9090\"")),
            arguments("port needed", List.of(service("reviews", 9080, 9090), routeTo("{host: reviews}")),
                List.of("IST0112 spec.http[0].route[0].destination | This VirtualService routes to a service \"reviews\" that exposes multiple ports [9080 9090]. Specifying a port in the destination is required to disambiguate.")),
            arguments("hosts not checked without Services", List.of(routeTo("{host: reviewz}")), List.of()),
            // VirtualServiceUnreachableRule (IST0130): the three reasons
            arguments("only the last rule can have no matches", List.of(Fixtures.vs("""
                    hosts: [reviews]
                    http:
                    - route: [{destination: {host: reviews}}]
                    - route: [{destination: {host: reviews}}]
                    """)),
                List.of("IST0130 spec.http[1] | VirtualService rule #1 not used (only the last rule can have no matches).")),
            arguments("route without matches defined before", List.of(Fixtures.vs("""
                    hosts: [reviews]
                    http:
                    - route: [{destination: {host: reviews}}]
                    - name: jason
                      match: [{headers: {end-user: {exact: jason}}}]
                      route: [{destination: {host: reviews}}]
                    """)),
                List.of("IST0130 spec.http[1] | VirtualService rule \"jason\" not used (route without matches defined before).")),
            arguments("all matches used by prior rules", List.of(Fixtures.vs("""
                    hosts: [reviews]
                    http:
                    - match: [{headers: {end-user: {exact: jason}}}]
                      route: [{destination: {host: reviews}}]
                    - match: [{headers: {end-user: {exact: jason}}}]
                      route: [{destination: {host: reviews}}]
                    """)),
                List.of("IST0130 spec.http[1] | VirtualService rule #1 not used (all matches used by prior rules).",
                        "IST0131 spec.http[1].match[0] | VirtualService rule #1 match #0 is not used (duplicate/overlapping match in rule #0).")),
            // asJSON drops the match name before comparing, and map order does not matter
            arguments("same match, other name and order", List.of(Fixtures.vs("""
                    hosts: [reviews]
                    http:
                    - match: [{name: a, headers: {x: {exact: '1'}, y: {exact: '2'}}}]
                      route: [{destination: {host: reviews}}]
                    - match: [{name: b, headers: {y: {exact: '2'}, x: {exact: '1'}}}, {uri: {exact: /other}}]
                      route: [{destination: {host: reviews}}]
                    """)),
                List.of("IST0131 spec.http[1].match[0] | VirtualService rule #1 match \"b\" is not used (duplicate/overlapping match in rule #0).")),
            // VirtualServiceIneffectiveMatch (IST0131) from the prefix-overlap check
            arguments("prefix overlap", List.of(Fixtures.vs("""
                    hosts: [reviews]
                    http:
                    - match: [{uri: {prefix: /api}}]
                      route: [{destination: {host: reviews}}]
                    - match: [{uri: {prefix: /api/v2}}]
                      route: [{destination: {host: reviews}}]
                    """)),
                List.of("IST0131 spec.http[1].match[0] | VirtualService rule #1 match #0 of prefix /api/v2 is not used (duplicate/overlapping match in rule #0 of prefix /api on #0).")),
            // ConflictingMeshGatewayHostsAnalyzer (IST0109)
            arguments("two VirtualServices for one host", List.of(routeTo("{host: reviews}"),
                    Fixtures.vs("reviews-canary", "hosts: [reviews.default.svc.cluster.local]\nhttp:\n- route:\n  - destination: {host: reviews}\n")),
                List.of("IST0109 spec.hosts[0] | The VirtualServices default/reviews,default/reviews-canary associated with mesh gateway define the same host */reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.",
                        "IST0109 spec.hosts[0] | The VirtualServices default/reviews,default/reviews-canary associated with mesh gateway define the same host */reviews.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.")),
            // kubectl apply replaces an object of the same name: no conflict, and only the newest is analyzed
            arguments("re-applied VirtualService", List.of(routeTo("{host: reviews, subset: v9}"), DR, routeTo("{host: reviews, subset: v1}")), List.of()),
            // PodNotSelectedAnalyzer: IST0174 and IST0173
            arguments("DestinationRule for an unknown host", List.of(service("ratings", 9080), DR),
                List.of("IST0174 spec.host | The host reviews defined in the DestinationRule does not match any services in the mesh.")),
            arguments("subset selecting no pod", List.of(service("reviews", 9080), deployment("reviews-v1", "reviews", "v1", 1),
                    deployment("reviews-v2", "reviews", "v2", 0), deployment("reviews-v3", "reviews", "v3", 1), DR),
                List.of("IST0173 spec.subsets[1].name | The Subset v2 defined in the DestinationRule does not select any pods. Which may lead to 503 UH (NoHealthyUpstream)."))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void analyze(String what, List<Document> cluster, List<String> expected) {
        var findings = Validator.analyze(cluster);
        assertThat(findings).allMatch(f -> f.stage() == Stage.ANALYZER && f.severity() == Severity.WARNING);
        assertThat(findings.stream().map(f -> f.code() + " " + f.path() + " | " + f.message()).toList())
                .containsExactlyElementsOf(expected);
    }

    @Test
    void findingNamesTheDocument() {
        var findings = Validator.analyze(List.of(DR, Fixtures.doc("reviews-canary.yaml", 1, """
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: reviews}
                spec:
                  hosts: [reviews]
                  http:
                  - route:
                    - destination: {host: reviews, subset: v4}
                """)));
        assertThat(findings).singleElement().extracting(Finding::describe).isEqualTo(
                "reviews-canary.yaml, document 1 (VirtualService reviews), spec.http[0].route[0].destination.subset: "
                        + "Referenced host+subset in destinationrule not found: \"reviews+v4\"");
    }

    @Test
    void contextAndNewDocumentsTogether() {
        List<Document> applied = new ArrayList<>(List.of(service("reviews", 9080), DR));
        applied.add(routeTo("{host: reviews, subset: v3}"));
        assertThat(Validator.analyze(applied)).isEmpty();
    }
}
