package workbench.validate;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import workbench.manifest.Document;

/**
 * istiod's ValidateVirtualService (pkg/config/validation/validation.go and virtualservice.go, Istio 1.28), check by
 * check and in the same order, for an object that already passed the CRD schema. Messages are Istio's own.
 * TLS routes are not checked here (the embedded mesh does not model them; see {@link Validator#unmodelled}).
 */
final class VirtualServiceRules {

    private static final String RE2_HINT = "; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)";

    private static final Set<String> RETRY_ON = Set.of("5xx", "gateway-error", "reset", "reset-before-request",
            "connect-failure", "retriable-4xx", "refused-stream", "retriable-status-codes", "retriable-headers",
            "envoy-ratelimited", "http3-post-connect-failure", "cancelled", "deadline-exceeded", "internal",
            "resource-exhausted", "unavailable");

    private static final Set<String> CORS_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
            "CONNECT", "OPTIONS", "TRACE");

    private static final Set<String> GRPC_STATUS = Set.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT",
            "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED",
            "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE",
            "DATA_LOSS", "UNAUTHENTICATED");

    private static final int KB = 1024;
    private static final int MB = 1024 * KB;

    private enum RouteType { INDEPENDENT, ROOT, DELEGATE }

    private final Webhook w;

    private VirtualServiceRules(Webhook w) { this.w = w; }

    static List<Finding> check(Document doc, String defaultNamespace) {
        Webhook w = new Webhook(doc, doc.namespaceOr(defaultNamespace));
        new VirtualServiceRules(w).virtualService(Node.root(doc).get("spec"));
        return w.findings();
    }

    private void virtualService(Node spec) {
        List<Node> hosts = spec.get("hosts").items();
        Node gatewaysNode = spec.get("gateways");
        List<String> gateways = gatewaysNode.items().stream().map(Node::text).toList();
        boolean delegate = hosts.isEmpty();
        if (delegate) {
            if (!gateways.isEmpty()) w.error(gatewaysNode.path(), "delegate virtual service must have no gateways specified");
            if (spec.get("tls").nonEmpty()) w.error(spec.get("tls").path(), "delegate virtual service must have no tls route specified");
            if (spec.get("tcp").nonEmpty()) w.error(spec.get("tcp").path(), "delegate virtual service must have no tcp route specified");
        }

        boolean appliesToMesh;
        boolean appliesToGateway;
        if (gateways.isEmpty()) {
            appliesToMesh = true;
            appliesToGateway = false;
        } else {
            gatewayNames(gatewaysNode, true);
            appliesToGateway = !gateways.contains("mesh");
            appliesToMesh = !appliesToGateway;
        }

        if (!appliesToGateway) {
            for (Node http : spec.get("http").items()) {
                for (Node m : http.get("match").items()) {
                    for (String field : List.of("headers", "withoutHeaders")) {
                        m.get(field).entries().forEach((key, value) -> {
                            if (Headers.isJwtClaim(key)) {
                                w.error(value.path(), "JWT claim based routing (key: " + key
                                        + ") is only supported for gateway, found no gateways: " + GoText.list(gateways));
                            }
                        });
                    }
                }
            }
        }

        boolean allHostsValid = true;
        for (Node host : hosts) {
            String h = host.text();
            Optional<String> err = Names.wildcardDomain(h);
            if (err.isPresent()) {
                if (!Names.isIpAddress(h)) {
                    w.error(host.path(), err.get());
                    allHostsValid = false;
                }
            } else if (appliesToMesh && h.equals("*")) {
                w.error(host.path(), "wildcard host * is not allowed for virtual services bound to the mesh gateway");
                allHostsValid = false;
            }
        }
        if (allHostsValid) {
            for (int i = 0; i < hosts.size(); i++) {
                for (int j = i + 1; j < hosts.size(); j++) {
                    String a = hosts.get(i).text();
                    String b = hosts.get(j).text();
                    if (Names.hostsOverlap(a, b)) w.error(hosts.get(j).path(), "duplicate hosts in virtual service: " + a + " & " + b);
                }
            }
        }

        if (!spec.get("http").nonEmpty() && !spec.get("tcp").nonEmpty() && !spec.get("tls").nonEmpty()) {
            w.error(spec.path(), "http, tcp or tls must be provided in virtual service");
        }
        for (Node http : spec.get("http").items()) {
            if (!http.present()) {
                w.error(http.path(), "http route may not be null");
                continue;
            }
            httpRoute(http, delegate);
        }
        for (Node tcp : spec.get("tcp").items()) tcpRoute(tcp);
        w.exportTo(spec.get("exportTo"), false);

        Reachability.Result r = Reachability.analyze(spec);
        for (Reachability.Unused u : r.unused()) {
            w.warning(u.path(), "virtualService rule " + u.rule() + " not used (" + u.reason() + ")");
        }
        for (Reachability.Ineffective i : r.ineffective()) {
            w.warning(i.path(), "virtualService rule " + i.rule() + " match " + i.match()
                    + " is not used (duplicate/overlapping match in rule " + i.earlier() + ")");
        }
    }

    /** validateGatewayNames; warnings count only where the caller keeps them (not for match gateways). */
    private void gatewayNames(Node gateways, boolean keepWarnings) {
        for (Node g : gateways.items()) {
            String name = g.text();
            int slash = name.indexOf('/');
            if (slash < 0) {
                if (name.contains(".") && keepWarnings) {
                    String[] parts = name.split("\\.", -1);
                    String recommended = parts[1] + "/" + parts[0];
                    w.warning(g.path(), "using legacy gatewayName format " + GoText.quote(name)
                            + "; prefer the <namespace>/<name> format: " + GoText.quote(recommended));
                }
                w.error(g.path(), fqdn(name));
                return; // Istio returns after the first name without a namespace
            }
            String ns = name.substring(0, slash);
            String gw = name.substring(slash + 1);
            if (ns.isEmpty() || gw.isEmpty()) w.error(g.path(), "config namespace and gateway name cannot be empty");
            if (!Names.isDns1123Label(ns)) w.error(g.path(), "invalid value for namespace: " + GoText.quote(ns));
            if (!Names.isDns1123Label(gw)) w.error(g.path(), "invalid value for gateway name: " + GoText.quote(gw));
        }
    }

    /** agent.ValidateFQDN. */
    private static Optional<String> fqdn(String name) {
        if (name.length() > 255) return Optional.of("domain name " + GoText.quote(name) + " too long (max 255)");
        if (name.isEmpty()) return Optional.of("empty domain name not allowed");
        return Names.dns1123Labels(name);
    }

    private void httpRoute(Node http, boolean delegateVs) {
        RouteType type = delegateVs ? RouteType.DELEGATE : http.has("delegate") ? RouteType.ROOT : RouteType.INDEPENDENT;
        conflicts(http, type);
        matches(http);

        Node headers = http.get("headers");
        headerOperations(headers);

        cors(http.get("corsPolicy"));
        fault(http.get("fault"));

        Node mirrorPercent = http.has("mirrorPercent") ? http.get("mirrorPercent") : http.get("mirror_percent");
        if (mirrorPercent.present()) {
            long v = mirrorPercent.integer();
            if (v > 100) w.error(mirrorPercent.path(), "mirror_percent must have a max value of 100 (it has " + v + ")");
            w.warning(mirrorPercent.path(), "using deprecated setting \"mirrorPercent\", use \"mirrorPercentage\" instead");
        }
        Node mirrorPercentage = http.get("mirrorPercentage");
        if (mirrorPercentage.present()) {
            double v = mirrorPercentage.get("value").number();
            String at = mirrorPercentage.get("value").path();
            if (v > 100) w.error(at, "mirror_percentage must have a max value of 100 (it has " + GoText.floatF(v) + ")");
            if (v < 0) w.error(at, "mirror_percentage must have a min value of 0 (it has " + GoText.floatF(v) + ")");
        }
        w.destination(http.get("mirror"));
        mirrors(http.get("mirrors"));
        redirect(http.get("redirect"));
        directResponse(http.get("directResponse"));
        retries(http.get("retries"));
        rewrite(http.get("rewrite"));
        authorityRewrite(http.get("rewrite"), headers);
        destinations(http.get("route"));
        w.duration(http.get("timeout"));
    }

    /** validateHTTPRouteConflict. */
    private void conflicts(Node http, RouteType type) {
        boolean hasRoute = http.get("route").nonEmpty();
        if (type == RouteType.ROOT) {
            String name = http.get("name").text();
            if (http.has("redirect")) w.error(http.get("redirect").path(), "root HTTP route " + name + " must not specify redirect");
            if (hasRoute) w.error(http.get("route").path(), "root HTTP route " + name + " must not specify route");
            return;
        }
        if (type == RouteType.DELEGATE && http.has("delegate")) {
            w.error(http.get("delegate").path(), "delegate HTTP route cannot contain delegate");
        }
        if (http.has("redirect")) {
            String at = http.get("redirect").path();
            if (hasRoute) w.error(at, "HTTP route cannot contain both route and redirect");
            if (http.has("fault")) w.error(at, "HTTP route cannot contain both fault and redirect");
            if (http.has("rewrite")) w.error(at, "HTTP route rule cannot contain both rewrite and redirect");
            if (http.has("directResponse")) w.error(at, "HTTP route rule cannot contain both direct_response and redirect");
        } else if (http.has("directResponse")) {
            String at = http.get("directResponse").path();
            if (hasRoute) w.error(at, "HTTP route cannot contain both route and direct_response");
            if (http.has("fault")) w.error(at, "HTTP route cannot contain both fault and direct_response");
            if (http.has("rewrite")) w.error(at, "HTTP route rule cannot contain both rewrite and direct_response");
        } else if (!hasRoute) {
            w.error(http.path(), "HTTP route, redirect or direct_response is required");
        }
        if (http.has("mirror") && http.get("mirrors").nonEmpty()) {
            w.error(http.get("mirrors").path(), "HTTP route cannot contain both mirror and mirrors");
        }
    }

    /** validateHTTPRouteMatchRequest: string matches and header names first, then ports, labels and namespaces. */
    private void matches(Node http) {
        List<Node> matches = http.get("match").items();
        for (Node m : matches) {
            if (!m.present()) continue;
            m.get("headers").entries().forEach((name, header) -> {
                if (!header.present()) w.error(header.path(), "header match " + name + " cannot be null");
                w.error(header.path(), Headers.matchName(name));
                stringMatch(header, "headers");
            });
            m.get("withoutHeaders").entries().forEach((name, header) -> {
                w.error(header.path(), Headers.matchName(name));
                if (header.present() && !"*".equals(regexOf(header))) stringMatch(header, "withoutHeaders");
            });
            stringMatchRegexp(m.get("uri"), "uri");
            stringMatch(m.get("scheme"), "scheme");
            stringMatch(m.get("method"), "method");
            stringMatch(m.get("authority"), "authority");
            m.get("queryParams").entries().forEach((name, qp) -> stringMatch(qp, "queryParams"));
        }
        for (Node m : matches) {
            if (!m.present()) continue;
            Node port = m.get("port");
            if (port.integer() != 0) w.error(port.path(), Names.port(port.integer()));
            w.labels(m.get("sourceLabels"));
            gatewayNames(m.get("gateways"), false);
            Node ns = m.get("sourceNamespace");
            if (!ns.text().isEmpty() && !Names.isDns1123Label(ns.text())) {
                w.error(ns.path(), "sourceNamespace match " + ns.text() + " is invalid");
            }
        }
    }

    /** The StringMatch's kind: the first of exact, prefix, regex that is set (the schema allows only one). */
    private static String kindOf(Node sm) {
        for (String k : sm.entries().keySet()) {
            if ((k.equals("exact") || k.equals("prefix") || k.equals("regex")) && sm.get(k).present()) return k;
        }
        return "";
    }

    private static String regexOf(Node sm) { return kindOf(sm).equals("regex") ? sm.get("regex").text() : null; }

    /** validateStringMatch: an empty prefix is refused (except for uri), and a regex must be RE2. */
    private void stringMatch(Node sm, String where) {
        String kind = kindOf(sm);
        if (kind.equals("prefix") && sm.get("prefix").text().isEmpty()) {
            w.error(sm.get("prefix").path(), GoText.quote(where) + ": prefix string match should not be empty");
        } else if (kind.equals("regex")) {
            stringMatchRegexp(sm, where);
        }
    }

    /** validateStringMatchRegexp. */
    private void stringMatchRegexp(Node sm, String where) {
        if (!kindOf(sm).equals("regex")) return;
        Node regex = sm.get("regex");
        if (regex.text().isEmpty()) {
            w.error(regex.path(), GoText.quote(where) + ": regex string match should not be empty");
            return;
        }
        w.error(regex.path(), regexp(regex.text(), where));
    }

    /** validateStringRegexp: at most 1024 characters, and Go's regexp (RE2) must compile it. */
    static Optional<String> regexp(String re, String where) {
        if (re.length() > 1024) return Optional.of(GoText.quote(where) + ": regex is too large, max length allowed is 1024");
        return Re2.check(re).map(err -> GoText.quote(where) + ": " + err + RE2_HINT);
    }

    /** Header manipulation of a route or a destination: request add/set/remove, response add/set/remove. */
    private void headerOperations(Node headers) {
        Node request = headers.get("request");
        Node response = headers.get("response");
        for (String op : List.of("add", "set")) {
            request.get(op).entries().forEach((name, value) -> {
                w.error(value.path(), Headers.requestSetName(name));
                w.error(value.path(), Headers.value(value.text()));
            });
        }
        for (Node name : request.get("remove").items()) w.error(name.path(), Headers.operationName(name.text()));
        for (String op : List.of("add", "set")) {
            response.get(op).entries().forEach((name, value) -> {
                w.error(value.path(), Headers.operationName(name));
                w.error(value.path(), Headers.value(value.text()));
            });
        }
        for (Node name : response.get("remove").items()) w.error(name.path(), Headers.operationName(name.text()));
    }

    /** validateCORSPolicy. */
    private void cors(Node cors) {
        if (!cors.present()) return;
        for (Node origin : cors.get("allowOrigins").items()) {
            String kind = kindOf(origin);
            String match = kind.isEmpty() ? "" : origin.get(kind).text();
            if (match.isEmpty()) {
                w.error(origin.path(), "'" + match + "' is not a valid match type for CORS allow origins");
                continue;
            }
            stringMatchRegexp(origin, "corsPolicy.allowOrigins");
        }
        for (Node method : cors.get("allowMethods").items()) {
            if (!CORS_METHODS.contains(method.text())) w.error(method.path(), GoText.quote(method.text()) + " is not a supported HTTP method");
        }
        for (String list : List.of("allowHeaders", "exposeHeaders")) {
            for (Node h : cors.get(list).items()) w.error(h.path(), Headers.corsName(h.text()));
        }
        Node maxAge = cors.get("maxAge");
        if (maxAge.present()) {
            w.duration(maxAge);
            var d = GoDuration.parse(maxAge.text());
            if (d.isPresent() && d.getAsLong() % 1_000_000_000L != 0) {
                w.error(maxAge.path(), "max_age duration is accurate only to seconds precision");
            }
        }
    }

    /** validateHTTPFaultInjection: abort and delay. The "error type not set" warning is dropped, as in Istio. */
    private void fault(Node fault) {
        if (!fault.present()) return;
        Node abort = fault.get("abort");
        Node delay = fault.get("delay");
        if (!abort.present() && !delay.present()) {
            w.error(fault.path(), "HTTP fault injection must have an abort and/or a delay");
        }
        if (abort.present()) {
            w.faultPercentage(abort.get("percentage"));
            String type = "";
            for (String k : abort.entries().keySet()) {
                if (List.of("grpcStatus", "http2Error", "httpStatus").contains(k) && abort.get(k).present()) {
                    type = k;
                    break;
                }
            }
            switch (type) {
                case "grpcStatus" -> {
                    String status = abort.get("grpcStatus").text();
                    if (!GRPC_STATUS.contains(status)) {
                        w.error(abort.get("grpcStatus").path(), "gRPC status " + GoText.quote(status) + " is not supported. See "
                                + "https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, "
                                + "for example 'NOT_FOUND'");
                    }
                }
                case "http2Error" -> w.error(abort.get("http2Error").path(), "HTTP/2 abort fault injection not supported yet");
                case "httpStatus" -> w.error(abort.get("httpStatus").path(), httpStatus(abort.get("httpStatus").integer()));
                default -> { }
            }
        }
        if (delay.present()) {
            w.faultPercentage(delay.get("percentage"));
            String type = "";
            for (String k : delay.entries().keySet()) {
                if ((k.equals("fixedDelay") || k.equals("exponentialDelay")) && delay.get(k).present()) {
                    type = k;
                    break;
                }
            }
            if (type.equals("fixedDelay")) {
                w.duration(delay.get("fixedDelay"));
            } else if (type.equals("exponentialDelay")) {
                w.duration(delay.get("exponentialDelay"));
                w.error(delay.get("exponentialDelay").path(), "exponentialDelay not supported yet");
            }
        }
    }

    /** validateHTTPStatus: Istio says 200-599 but lets 600 through. */
    static Optional<String> httpStatus(long status) {
        return status < 200 || status > 600 ? Optional.of("HTTP status " + status + " is not in range 200-599") : Optional.empty();
    }

    /** validateHTTPMirrors. */
    private void mirrors(Node mirrors) {
        for (Node m : mirrors.items()) {
            if (!m.present()) {
                w.error(m.path(), "mirror cannot be null");
                continue;
            }
            if (!m.has("destination")) {
                w.error(m.path(), "destination is required for mirrors");
                continue;
            }
            w.destination(m.get("destination"));
            Node percentage = m.get("percentage");
            if (percentage.present()) {
                double v = percentage.get("value").number();
                String at = percentage.get("value").path();
                if (v > 100) w.error(at, "mirror percentage must have a max value of 100 (it has " + GoText.floatF(v) + ")");
                if (v < 0) w.error(at, "mirror percentage must have a min value of 0 (it has " + GoText.floatF(v) + ")");
            }
        }
    }

    /** validateHTTPRedirect: reports only its first problem. */
    private void redirect(Node redirect) {
        if (!redirect.present()) return;
        boolean hasPort = redirect.has("port") || redirect.has("derivePort");
        String scheme = redirect.get("scheme").text();
        long code = redirect.get("redirectCode").integer();
        if (redirect.get("uri").text().isEmpty() && redirect.get("authority").text().isEmpty() && !hasPort && scheme.isEmpty()) {
            w.error(redirect.path(), "redirect must specify URI, authority, scheme, or port");
        } else if (code != 0 && (code < 300 || code > 399)) {
            w.error(redirect.get("redirectCode").path(), code + " is not a valid redirect code, must be 3xx");
        } else if (!scheme.isEmpty() && !scheme.equals("http") && !scheme.equals("https")) {
            w.error(redirect.get("scheme").path(), "invalid redirect scheme, must be \"http\" or \"https\"");
        } else if (redirect.get("port").integer() > 0) {
            w.error(redirect.get("port").path(), Names.port(redirect.get("port").integer()));
        }
    }

    /** validateHTTPDirectResponse: body size, then status. */
    private void directResponse(Node dr) {
        if (!dr.present()) return;
        Node body = dr.get("body");
        if (body.present()) {
            long size = 0;
            if (body.has("string")) {
                size = body.get("string").text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            } else if (body.has("bytes")) {
                try {
                    size = Base64.getMimeDecoder().decode(body.get("bytes").text()).length;
                } catch (IllegalArgumentException e) {
                    size = body.get("bytes").text().length();
                }
            }
            if (size > MB) {
                w.error(body.path(), "large direct_responses may impact control plane performance, must be less than 1MB");
            } else if (size > 100 * KB) {
                w.warning(body.path(), "large direct_responses may impact control plane performance");
            }
        }
        w.error(dr.get("status").path(), httpStatus(dr.get("status").integer()));
    }

    /** validateHTTPRetry. */
    private void retries(Node retries) {
        if (!retries.present()) return;
        Node attempts = retries.get("attempts");
        long n = attempts.integer();
        if (n < 0) w.error(attempts.path(), "attempts cannot be negative");
        String retryOn = retries.get("retryOn").text();
        if (n == 0 && (retries.has("perTryTimeout") || !retryOn.isEmpty() || retries.has("retryRemoteLocalities"))) {
            w.error(attempts.path(), "http retry policy configured when attempts are set to 0 (disabled)");
        }
        w.duration(retries.get("perTryTimeout"));
        if (!retryOn.isEmpty()) {
            for (String policy : retryOn.split(",", -1)) {
                boolean status = Names.goAtoiOk(policy)
                        && Webhook.HTTP_STATUS_TEXT.contains(safeInt(policy.startsWith("+") ? policy.substring(1) : policy));
                if (!status && !RETRY_ON.contains(policy)) {
                    w.error(retries.get("retryOn").path(), GoText.quote(policy) + " is not a valid retryOn policy");
                }
            }
        }
        w.duration(retries.get("backoff"));
    }

    private static int safeInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** validateHTTPRewrite: reports only its first problem. */
    private void rewrite(Node rewrite) {
        if (!rewrite.present()) return;
        String uri = rewrite.get("uri").text();
        Node regex = rewrite.get("uriRegexRewrite");
        if (!uri.isEmpty() && regex.present()) {
            w.error(rewrite.path(), "rewrite may only contain one of URI or UriRegexRewrite");
        } else if (uri.isEmpty() && !regex.present() && rewrite.get("authority").text().isEmpty()) {
            w.error(rewrite.path(), "rewrite must specify at least one of URI, UriRegexRewrite, or authority. "
                    + "Only one of URI or UriRegexRewrite may be specified");
        } else if (regex.present()) {
            String match = regex.get("match").text();
            if (match.isEmpty() || regex.get("rewrite").text().isEmpty()) {
                w.error(regex.path(), "UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified");
            } else {
                regexp(match, "HTTPRewrite.UriRegexRewrite.Match")
                        .ifPresent(e -> w.error(regex.get("match").path(), "UriRegexRewrite has errors\n" + e));
            }
        }
    }

    /** validateAuthorityRewrite: the authority may be rewritten in one place only. */
    private void authorityRewrite(Node rewrite, Node headers) {
        String current = rewrite.get("authority").text();
        for (String op : List.of("set", "add")) {
            for (Map.Entry<String, Node> e : headers.get("request").get(op).entries().entrySet()) {
                if (!Headers.isAuthority(e.getKey())) continue;
                String v = e.getValue().text();
                if (!current.isEmpty()) {
                    w.error(e.getValue().path(), "authority header cannot be set multiple times: have "
                            + GoText.quote(current) + ", attempting to set " + GoText.quote(v));
                    return;
                }
                current = v;
            }
        }
    }

    /** validateHTTPRouteDestinations: each destination, its weight, and a total above 0 when there are several. */
    private void destinations(Node route) {
        List<Node> items = route.items();
        long total = 0;
        for (Node rd : items) {
            if (!rd.present()) {
                w.error(rd.path(), "weight may not be nil");
                continue;
            }
            if (!rd.has("destination")) w.error(rd.path(), "destination is required");
            headerOperations(rd.get("headers"));
            w.destination(rd.get("destination"));
            Node weight = rd.get("weight");
            if (weight.integer() < 0) w.error(weight.path(), "weight " + weight.integer() + " < 0");
            total += weight.integer();
        }
        if (items.size() > 1 && total == 0) w.error(route.path(), "total destination weight = 0");
    }

    /** validateTCPRoute. */
    private void tcpRoute(Node tcp) {
        if (!tcp.present()) return;
        for (Node m : tcp.get("match").items()) {
            if (!m.present()) {
                w.error(m.path(), "tcp match may not be nil");
                continue;
            }
            Node port = m.get("port");
            if (port.integer() != 0) w.error(port.path(), Names.port(port.integer()));
            w.labels(m.get("sourceLabels"));
            gatewayNames(m.get("gateways"), false);
        }
        List<Node> routes = tcp.get("route").items();
        if (routes.isEmpty()) w.error(tcp.path(), "TCP route is required");
        long total = 0;
        for (Node rd : routes) {
            if (!rd.present()) {
                w.error(rd.path(), "weight may not be nil");
                continue;
            }
            if (!rd.has("destination")) w.error(rd.path(), "destination is required");
            w.destination(rd.get("destination"));
            Node weight = rd.get("weight");
            if (weight.integer() < 0) w.error(weight.path(), "weight " + weight.integer() + " < 0");
            total += weight.integer();
        }
        if (routes.size() > 1 && total == 0) w.error(tcp.get("route").path(), "total destination weight = 0");
    }
}
