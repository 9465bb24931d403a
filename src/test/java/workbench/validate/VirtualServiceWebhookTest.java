package workbench.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * istiod's validating webhook on VirtualServices (Istio 1.28, pkg/config/validation/validation.go and
 * virtualservice.go). Each row: what it encodes, the spec, and every finding expected as "path | message".
 * All of these pass the CRD schema, so the webhook is what speaks.
 */
class VirtualServiceWebhookTest {

    private static final String TWO_WAY = """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews, subset: v1}
                weight: %s
              - destination: {host: reviews, subset: v3}
                weight: %s
            """;

    /** A VirtualService spec: the lines before "http" (hosts etc.), then one HTTP rule per body. */
    private static String spec(String head, String... rules) {
        StringBuilder b = new StringBuilder(head.strip()).append("\n");
        if (rules.length > 0) b.append("http:\n");
        for (String r : rules) b.append("- ").append(r.strip().replace("\n", "\n  ")).append("\n");
        return b.toString();
    }

    /** A VirtualService for host reviews with the given HTTP rules. */
    private static String rules(String... rules) { return spec("hosts: [reviews]", rules); }

    private static String rule(String body) { return rules(body); }

    private static final String ROUTE = "route:\n- destination: {host: reviews}\n";

    static Stream<Arguments> cases() {
        return Stream.of(
            // validateWeight: "weight %d < 0"
            arguments("negative weight", TWO_WAY.formatted(105, -5),
                List.of("spec.http[0].route[1].weight | weight -5 < 0")),
            // validateHTTPRouteDestinations: several destinations whose weights sum to 0 (omitted weight = 0)
            arguments("all weights 0", TWO_WAY.formatted(0, 0),
                List.of("spec.http[0].route | total destination weight = 0")),
            // same check: a lone destination with weight 0 gets all traffic, so it is fine
            arguments("lone destination weight 0", rule(ROUTE + "  weight: 0"), List.of()),
            // the "!= 100" rule was removed in Istio 1.15 (PR #39544): 80/30 is accepted
            arguments("weights need not sum to 100", TWO_WAY.formatted(80, 30), List.of()),
            // ValidateWildcardDomain: CheckDNS1123Preconditions
            arguments("empty host", spec("hosts: ['']", ROUTE),
                List.of("spec.hosts[0] | empty domain name not allowed")),
            // ValidateWildcardDomain: labels must be DNS-1123 labels ('_' is not allowed)
            arguments("underscore in host", spec("hosts: [reviews_v1]", ROUTE),
                List.of("spec.hosts[0] | domain name \"reviews_v1\" invalid (label \"reviews_v1\" invalid)")),
            // Istio's DNS-1123 pattern admits upper case: "Reviews" is accepted
            arguments("upper-case host accepted", spec("hosts: [Reviews]", ROUTE), List.of()),
            // ValidateVirtualService: a host that is an IP address is accepted despite the numeric TLD
            arguments("IP address host accepted", spec("hosts: [10.0.0.1]", ROUTE), List.of()),
            // ValidateVirtualService: '*' only for gateway-bound virtual services
            arguments("wildcard host bound to mesh", spec("hosts: ['*']", ROUTE),
                List.of("spec.hosts[0] | wildcard host * is not allowed for virtual services bound to the mesh gateway")),
            // a wildcard in the first label is fine
            arguments("wildcard domain", "hosts: ['*.example.com']\nhttp:\n- route:\n  - destination: {host: a.example.com}\n", List.of()),
            // ValidateVirtualService: duplicate hosts, literal or by wildcard overlap (host.Name.Matches)
            arguments("duplicate hosts", spec("hosts: [reviews, reviews]", ROUTE),
                List.of("spec.hosts[1] | duplicate hosts in virtual service: reviews & reviews")),
            arguments("overlapping wildcard hosts", "hosts: ['*.foo.com', a.foo.com]\nhttp:\n- route:\n  - destination: {host: a.foo.com}\n",
                List.of("spec.hosts[1] | duplicate hosts in virtual service: *.foo.com & a.foo.com")),
            // ValidateVirtualService: nothing to route
            arguments("no http, tcp or tls", "hosts: [reviews]\n",
                List.of("spec | http, tcp or tls must be provided in virtual service")),
            // validateDestination: '*' as a destination host
            arguments("wildcard destination host", rule("route:\n- destination: {host: '*'}"),
                List.of("spec.http[0].route[0].destination.host | invalid destination host *")),
            // validateDestination -> ValidateWildcardDomain: destinations get no IP exception; Istio names the
            // part after the first label ("0.0.1"), since ValidateDNS1123Labels gets only that part
            arguments("IP destination host", rule("route:\n- destination: {host: 10.0.0.1}"),
                List.of("spec.http[0].route[0].destination.host | domain name \"0.0.1\" invalid (top level domain \"1\" cannot be all-numeric)")),
            // validateSubsetName: a DNS-1123 label, so no dots
            arguments("subset with a dot", rule("route:\n- destination: {host: reviews, subset: v1.0}"),
                List.of("spec.http[0].route[0].destination.subset | subset name is invalid: v1.0")),
            arguments("upper-case subset accepted", rule("route:\n- destination: {host: reviews, subset: V1}"), List.of()),
            // validatePortSelector -> ValidatePort
            arguments("destination port 0", rule("route:\n- destination: {host: reviews, port: {number: 0}}"),
                List.of("spec.http[0].route[0].destination.port.number | port number 0 must be in the range 1..65535")),
            // validateHTTPRouteConflict
            arguments("route and redirect", rule(ROUTE + "redirect: {uri: /v2}"),
                List.of("spec.http[0].redirect | HTTP route cannot contain both route and redirect")),
            arguments("route and directResponse", rule(ROUTE + "directResponse: {status: 503}"),
                List.of("spec.http[0].directResponse | HTTP route cannot contain both route and direct_response")),
            arguments("redirect and rewrite", rule("redirect: {uri: /v2}\nrewrite: {uri: /v3}"),
                List.of("spec.http[0].redirect | HTTP route rule cannot contain both rewrite and redirect")),
            arguments("redirect and fault", rule("redirect: {uri: /v2}\nfault: {abort: {httpStatus: 500}}"),
                List.of("spec.http[0].redirect | HTTP route cannot contain both fault and redirect")),
            arguments("redirect and directResponse", rule("redirect: {uri: /v2}\ndirectResponse: {status: 200}"),
                List.of("spec.http[0].redirect | HTTP route rule cannot contain both direct_response and redirect")),
            arguments("directResponse and rewrite", rule("directResponse: {status: 200}\nrewrite: {uri: /v3}"),
                List.of("spec.http[0].directResponse | HTTP route rule cannot contain both rewrite and direct_response")),
            arguments("nothing to do", rule("timeout: 1s"),
                List.of("spec.http[0] | HTTP route, redirect or direct_response is required")),
            arguments("mirror and mirrors", rule(ROUTE + "mirror: {host: reviews}\nmirrors:\n- destination: {host: ratings}"),
                List.of("spec.http[0].mirrors | HTTP route cannot contain both mirror and mirrors")),
            // validateHTTPFaultInjection
            arguments("fault without abort or delay", rule(ROUTE + "fault: {}"),
                List.of("spec.http[0].fault | HTTP fault injection must have an abort and/or a delay")),
            // validatePercentage
            arguments("abort percentage 150", rule(ROUTE + "fault: {abort: {httpStatus: 500, percentage: {value: 150}}}"),
                List.of("spec.http[0].fault.abort.percentage.value | percentage 150 is neither 0.0, nor in range [0.0001, 100.0]")),
            arguments("delay percentage too small", rule(ROUTE + "fault: {delay: {fixedDelay: 1s, percentage: {value: 0.00001}}}"),
                List.of("spec.http[0].fault.delay.percentage.value | percentage 1e-05 is neither 0.0, nor in range [0.0001, 100.0]")),
            // validateHTTPStatus: the message says 200-599 but 600 passes
            arguments("abort status 700", rule(ROUTE + "fault: {abort: {httpStatus: 700}}"),
                List.of("spec.http[0].fault.abort.httpStatus | HTTP status 700 is not in range 200-599")),
            arguments("abort status 600 accepted", rule(ROUTE + "fault: {abort: {httpStatus: 600}}"), List.of()),
            arguments("abort status 199", rule(ROUTE + "fault: {abort: {httpStatus: 199}}"),
                List.of("spec.http[0].fault.abort.httpStatus | HTTP status 199 is not in range 200-599")),
            // validateGRPCStatus
            arguments("unknown gRPC status", rule(ROUTE + "fault: {abort: {grpcStatus: NOTFOUND}}"),
                List.of("spec.http[0].fault.abort.grpcStatus | gRPC status \"NOTFOUND\" is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'")),
            arguments("HTTP/2 abort", rule(ROUTE + "fault: {abort: {http2Error: REFUSED_STREAM}}"),
                List.of("spec.http[0].fault.abort.http2Error | HTTP/2 abort fault injection not supported yet")),
            // validateHTTPFaultInjectionAbort: the "abort configured, but error type not set" warning is dropped
            // because validateHTTPFaultInjection merges with appendErrors
            arguments("abort without error type", rule(ROUTE + "fault: {abort: {percentage: {value: 10}}}"), List.of()),
            // validateHTTPFaultInjectionDelay has no case for a delay without fixedDelay: Istio accepts it
            arguments("delay without fixedDelay accepted", rule(ROUTE + "fault: {delay: {percentage: {value: 10}}}"), List.of()),
            arguments("exponential delay", rule(ROUTE + "fault: {delay: {exponentialDelay: 1s}}"),
                List.of("spec.http[0].fault.delay.exponentialDelay | exponentialDelay not supported yet")),
            // validateHTTPRoute: mirrorPercentage bounds, printed with %f
            arguments("mirrorPercentage 150", rule(ROUTE + "mirror: {host: ratings}\nmirrorPercentage: {value: 150}"),
                List.of("spec.http[0].mirrorPercentage.value | mirror_percentage must have a max value of 100 (it has 150.000000)")),
            arguments("mirrorPercentage -1", rule(ROUTE + "mirror: {host: ratings}\nmirrorPercentage: {value: -1}"),
                List.of("spec.http[0].mirrorPercentage.value | mirror_percentage must have a min value of 0 (it has -1.000000)")),
            // validateHTTPMirrors
            arguments("mirrors percentage 101", rule(ROUTE + "mirrors:\n- destination: {host: ratings}\n  percentage: {value: 101}"),
                List.of("spec.http[0].mirrors[0].percentage.value | mirror percentage must have a max value of 100 (it has 101.000000)")),
            // validateHTTPRoute: the deprecated integer mirrorPercent is checked and warned about
            arguments("mirrorPercent deprecated", rule(ROUTE + "mirror: {host: ratings}\nmirrorPercent: 120"),
                List.of("spec.http[0].mirrorPercent | mirror_percent must have a max value of 100 (it has 120)",
                        "spec.http[0].mirrorPercent | using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead")),
            // validateHTTPRetry
            arguments("negative attempts", rule(ROUTE + "retries: {attempts: -1}"),
                List.of("spec.http[0].retries.attempts | attempts cannot be negative")),
            arguments("attempts 0 with other fields", rule(ROUTE + "retries: {attempts: 0, perTryTimeout: 2s}"),
                List.of("spec.http[0].retries.attempts | http retry policy configured when attempts are set to 0 (disabled)")),
            arguments("attempts 0 alone disables retries", rule(ROUTE + "retries: {attempts: 0}"), List.of()),
            arguments("retryOn with a space", rule(ROUTE + "retries: {attempts: 3, retryOn: '5xx, reset'}"),
                List.of("spec.http[0].retries.retryOn | \" reset\" is not a valid retryOn policy")),
            arguments("retryOn unknown policy", rule(ROUTE + "retries: {attempts: 3, retryOn: '5xx,connect-error'}"),
                List.of("spec.http[0].retries.retryOn | \"connect-error\" is not a valid retryOn policy")),
            // any code with a net/http status text is a retriable status code
            arguments("retryOn status codes", rule(ROUTE + "retries: {attempts: 3, retryOn: '5xx,503,retriable-status-codes'}"), List.of()),
            arguments("retryOn unknown status", rule(ROUTE + "retries: {attempts: 3, retryOn: '999'}"),
                List.of("spec.http[0].retries.retryOn | \"999\" is not a valid retryOn policy")),
            // agent.ValidateDuration: whole milliseconds (sub-ms values pass the CRD's 1ms rule but not this)
            arguments("timeout with microseconds", rule(ROUTE + "timeout: 1500us"),
                List.of("spec.http[0].timeout | only durations to ms precision are supported")),
            arguments("perTryTimeout with microseconds", rule(ROUTE + "retries: {attempts: 2, perTryTimeout: 2.5ms}"),
                List.of("spec.http[0].retries.perTryTimeout | only durations to ms precision are supported")),
            // validateStringMatch: an empty prefix is refused, except for uri
            arguments("empty header prefix", rule("match:\n- headers: {end-user: {prefix: ''}}\n" + ROUTE),
                List.of("spec.http[0].match[0].headers.end-user.prefix | \"headers\": prefix string match should not be empty")),
            arguments("empty uri prefix accepted", rule("match:\n- uri: {prefix: ''}\n" + ROUTE), List.of()),
            arguments("empty regex", rule("match:\n- headers: {end-user: {regex: ''}}\n" + ROUTE),
                List.of("spec.http[0].match[0].headers.end-user.regex | \"headers\": regex string match should not be empty")),
            // a string match with none of exact/prefix/regex is accepted (for headers it means "present")
            arguments("header presence match", rule("match:\n- headers: {end-user: {}}\n" + ROUTE), List.of()),
            // validateStringRegexp: Go's regexp (RE2) must compile it
            arguments("lookahead in uri", rule("match:\n- uri: {regex: '^/api(?=/v1)'}\n" + ROUTE),
                List.of("spec.http[0].match[0].uri.regex | \"uri\": error parsing regexp: invalid or unsupported Perl syntax: `(?=`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)")),
            arguments("backreference in header", rule("match:\n- headers: {x-id: {regex: '(a)\\1'}}\n" + ROUTE),
                List.of("spec.http[0].match[0].headers.x-id.regex | \"headers\": error parsing regexp: invalid escape sequence: `\\1`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)")),
            arguments("possessive quantifier in query param", rule("match:\n- queryParams: {id: {regex: 'a*+'}}\n" + ROUTE),
                List.of("spec.http[0].match[0].queryParams.id.regex | \"queryParams\": error parsing regexp: invalid nested repetition operator: `*+`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)")),
            arguments("regex too long", rule("match:\n- uri: {regex: '" + "a".repeat(1025) + "'}\n" + ROUTE),
                List.of("spec.http[0].match[0].uri.regex | \"uri\": regex is too large, max length allowed is 1024")),
            // validateHTTPRouteMatchRequest: withoutHeaders regex "*" means "present" and is not compiled
            arguments("withoutHeaders star", rule("match:\n- withoutHeaders: {x-debug: {regex: '*'}}\n" + ROUTE), List.of()),
            // ValidateHTTPHeaderNameOrJwtClaimRoute: RFC 7230 tokens, upper case included
            arguments("header name with a space", rule("match:\n- headers: {'x user': {exact: a}}\n" + ROUTE),
                List.of("spec.http[0].match[0].headers.x user | header name x user is not a valid header name")),
            arguments("upper-case header name accepted", rule("match:\n- headers: {End-User: {exact: jason}}\n" + ROUTE), List.of()),
            arguments("pseudo header accepted", rule("match:\n- headers: {':authority': {exact: a}}\n" + ROUTE), List.of()),
            // ValidateVirtualService: JWT claim routing needs a gateway
            arguments("JWT claim without gateway", rule("match:\n- headers: {'@request.auth.claims.group': {exact: admin}}\n" + ROUTE),
                List.of("spec.http[0].match[0].headers.@request.auth.claims.group | JWT claim based routing (key: @request.auth.claims.group) is only supported for gateway, found no gateways: []")),
            // validateHTTPRouteMatchRequest: port, source namespace, source labels (labels.Instance.Validate)
            arguments("match port 70000", rule("match:\n- port: 70000\n" + ROUTE),
                List.of("spec.http[0].match[0].port | port number 70000 must be in the range 1..65535")),
            arguments("bad source namespace", rule("match:\n- sourceNamespace: Bad_NS\n" + ROUTE),
                List.of("spec.http[0].match[0].sourceNamespace | sourceNamespace match Bad_NS is invalid")),
            arguments("bad source label value", rule("match:\n- sourceLabels: {app: 'bad value'}\n" + ROUTE),
                List.of("spec.http[0].match[0].sourceLabels.app | invalid tag value: \"bad value\"")),
            // header operations: ValidateHTTPHeaderWithAuthorityOperationName / ValidateHTTPHeaderOperationName
            arguments("set a pseudo header", rule(ROUTE + "headers: {request: {set: {':path': /x}}}"),
                List.of("spec.http[0].headers.request.set.:path | invalid header \":path\": header cannot have \":\" prefix")),
            arguments("set Host on the response", rule(ROUTE + "headers: {response: {set: {Host: x}}}"),
                List.of("spec.http[0].headers.response.set.Host | invalid header \"Host\": cannot set Host header")),
            arguments("remove host from the request", rule(ROUTE + "headers: {request: {remove: [host]}}"),
                List.of("spec.http[0].headers.request.remove[0] | invalid header \"host\": cannot set Host header")),
            arguments("destination header op", rule("route:\n- destination: {host: reviews}\n  headers: {response: {add: {':status': '200'}}}"),
                List.of("spec.http[0].route[0].headers.response.add.:status | invalid header \":status\": header cannot have \":\" prefix")),
            // ValidateHTTPHeaderValue: Envoy's %VARIABLE% syntax
            arguments("unescaped percent", rule(ROUTE + "headers: {request: {set: {x-rate: '100%'}}}"),
                List.of("spec.http[0].headers.request.set.x-rate | header value configuration: invalid header configuration. Un-escaped %")),
            arguments("escaped percent accepted", rule(ROUTE + "headers: {request: {set: {x-rate: '100%%', x-host: '%HOSTNAME%'}}}"), List.of()),
            // validateAuthorityRewrite
            arguments("authority rewritten twice", rule(ROUTE + "rewrite: {authority: a.example}\nheaders: {request: {set: {host: b.example}}}"),
                List.of("spec.http[0].headers.request.set.host | authority header cannot be set multiple times: have \"a.example\", attempting to set \"b.example\"")),
            // validateHTTPRewrite
            arguments("empty rewrite", rule(ROUTE + "rewrite: {}"),
                List.of("spec.http[0].rewrite | rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified")),
            arguments("uri and uriRegexRewrite", rule(ROUTE + "rewrite: {uri: /a, uriRegexRewrite: {match: '^/b', rewrite: /c}}"),
                List.of("spec.http[0].rewrite | rewrite may only contain one of URI or UriRegexRewrite")),
            arguments("uriRegexRewrite half set", rule(ROUTE + "rewrite: {uriRegexRewrite: {match: '^/b'}}"),
                List.of("spec.http[0].rewrite.uriRegexRewrite | UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified")),
            // validateHTTPRedirect (first problem only)
            arguments("empty redirect", rule("redirect: {}"),
                List.of("spec.http[0].redirect | redirect must specify URI, authority, scheme, or port")),
            arguments("redirect code 200", rule("redirect: {uri: /v2, redirectCode: 200}"),
                List.of("spec.http[0].redirect.redirectCode | 200 is not a valid redirect code, must be 3xx")),
            arguments("redirect scheme ftp", rule("redirect: {scheme: ftp}"),
                List.of("spec.http[0].redirect.scheme | invalid redirect scheme, must be \"http\" or \"https\"")),
            // validateHTTPDirectResponse: status through validateHTTPStatus
            arguments("direct response 100", rule("directResponse: {status: 100}"),
                List.of("spec.http[0].directResponse.status | HTTP status 100 is not in range 200-599")),
            // validateCORSPolicy
            arguments("CORS method", rule(ROUTE + "corsPolicy: {allowMethods: [GET, FETCH]}"),
                List.of("spec.http[0].corsPolicy.allowMethods[1] | \"FETCH\" is not a supported HTTP method")),
            arguments("CORS empty origin", rule(ROUTE + "corsPolicy: {allowOrigins: [{exact: ''}]}"),
                List.of("spec.http[0].corsPolicy.allowOrigins[0] | '' is not a valid match type for CORS allow origins")),
            // validateExportTo
            arguments("exportTo duplicate", spec("hosts: [reviews]\nexportTo: [default, '.']", ROUTE),
                List.of("spec.exportTo[1] | duplicate entries in exportTo: . and current namespace default")),
            arguments("exportTo public and more", spec("hosts: [reviews]\nexportTo: ['*', bookinfo]", ROUTE),
                List.of("spec.exportTo | cannot have both public (*) and non-public exportTo values for a resource")),
            // delegate VirtualService (no hosts)
            arguments("delegate with gateways", spec("gateways: [bookinfo-gateway]", ROUTE),
                List.of("spec.gateways | delegate virtual service must have no gateways specified")),
            // validateGatewayNames: legacy "name.namespace" is a warning
            arguments("legacy gateway name", spec("hosts: [reviews]\ngateways: [bookinfo-gateway.istio-system]", ROUTE),
                List.of("spec.gateways[0] | using legacy gatewayName format \"bookinfo-gateway.istio-system\"; prefer the <namespace>/<name> format: \"istio-system/bookinfo-gateway\"")),
            arguments("bad gateway namespace", spec("hosts: [reviews]\ngateways: [Bad_NS/gw]", ROUTE),
                List.of("spec.gateways[0] | invalid value for namespace: \"Bad_NS\"")),
            // validateTCPRoute
            arguments("tcp route without route", "hosts: [reviews]\ntcp:\n- match: [{port: 9080}]",
                List.of("spec.tcp[0] | TCP route is required")),
            // analyzeUnreachableHTTPRules, reported by the webhook as warnings (lower-case "virtualService")
            arguments("two catch-all rules", rules(ROUTE, ROUTE),
                List.of("spec.http[1] | virtualService rule #1 not used (only the last rule can have no matches)")),
            arguments("rule after catch-all", rules(ROUTE, "name: jason\nmatch: [{headers: {end-user: {exact: jason}}}]\n" + ROUTE),
                List.of("spec.http[1] | virtualService rule \"jason\" not used (route without matches defined before)")),
            arguments("duplicate match", rules("match: [{uri: {exact: /a}}]\n" + ROUTE, "match: [{name: again, uri: {exact: /a}}]\n" + ROUTE),
                List.of("spec.http[1] | virtualService rule #1 not used (all matches used by prior rules)",
                        "spec.http[1].match[0] | virtualService rule #1 match \"again\" is not used (duplicate/overlapping match in rule #0)")),
            arguments("prefix covered by a shorter prefix", rules("match: [{uri: {prefix: /debug}}]\n" + ROUTE, "match: [{uri: {prefix: /debugs}}]\n" + ROUTE),
                List.of("spec.http[1].match[0] | virtualService rule #1 match #0 of prefix /debugs is not used (duplicate/overlapping match in rule #0 of prefix /debug on #0)"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void webhook(String what, String spec, List<String> expected) {
        var findings = Validator.validate(List.of(Fixtures.vs(spec)));
        assertThat(findings).allMatch(f -> f.stage() == Stage.WEBHOOK, "all findings come from the webhook");
        assertThat(Fixtures.lines(findings)).containsExactlyElementsOf(expected);
    }
}
