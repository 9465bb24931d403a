package workbench.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import workbench.manifest.Document;

/**
 * What the API server checks before istiod ever sees a VirtualService or DestinationRule: the CRD's structural
 * schema (field names, types, enums, bounds, required fields) and its CEL rule for durations. The tables below
 * list the spec fields of the networking.istio.io CRDs as installed by Istio 1.28's base chart
 * (manifests/charts/base/files/crd-all.gen.yaml, version v1; v1beta1 and v1alpha3 carry the same schema),
 * one line per field: path, type, then constraints. "x[]" is a list element, "x{}" a map value; DestinationRule
 * subsets reuse the "trafficPolicy" lines.
 *
 * <p>Messages are the API server's: strict decoding reports {@code unknown field "spec.http[0].foo"}; schema
 * errors are field errors such as {@code Invalid value: "string": must be a valid duration greater than 1ms}.
 * Not checked: the oneOf constraints (two of exact/prefix/regex in one match, and the like) and the workload
 * selector's CEL rules.
 */
final class CrdSchema {

    /** One field of the schema. */
    record Prop(String type, List<String> enumValues, Double min, Double max, boolean duration,
                List<String> required, boolean nullable) {

        static Prop parse(String spec) {
            String[] parts = spec.trim().split(" ");
            List<String> enums = List.of();
            Double min = null;
            Double max = null;
            boolean duration = false;
            boolean nullable = false;
            List<String> required = List.of();
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i];
                if (p.startsWith("enum=")) enums = List.of(p.substring(5).split(","));
                else if (p.startsWith("min=")) min = Double.parseDouble(p.substring(4));
                else if (p.startsWith("max=")) max = Double.parseDouble(p.substring(4));
                else if (p.startsWith("required=")) required = List.of(p.substring(9).split(","));
                else if (p.equals("duration")) duration = true;
                else if (p.equals("nullable")) nullable = true;
            }
            return new Prop(parts[0], enums, min, max, duration, required, nullable);
        }
    }

    private static final String VIRTUAL_SERVICE = """
            . object
            exportTo array
            exportTo[] string
            gateways array
            gateways[] string
            hosts array
            hosts[] string
            http array
            http[] object
            http[].corsPolicy object
            http[].corsPolicy.allowCredentials boolean nullable
            http[].corsPolicy.allowHeaders array
            http[].corsPolicy.allowHeaders[] string
            http[].corsPolicy.allowMethods array
            http[].corsPolicy.allowMethods[] string
            http[].corsPolicy.allowOrigin array
            http[].corsPolicy.allowOrigin[] string
            http[].corsPolicy.allowOrigins array
            http[].corsPolicy.allowOrigins[] object
            http[].corsPolicy.allowOrigins[].exact string
            http[].corsPolicy.allowOrigins[].prefix string
            http[].corsPolicy.allowOrigins[].regex string
            http[].corsPolicy.exposeHeaders array
            http[].corsPolicy.exposeHeaders[] string
            http[].corsPolicy.maxAge string duration
            http[].corsPolicy.unmatchedPreflights string enum=UNSPECIFIED,FORWARD,IGNORE
            http[].delegate object
            http[].delegate.name string
            http[].delegate.namespace string
            http[].directResponse object required=status
            http[].directResponse.body object
            http[].directResponse.body.bytes string
            http[].directResponse.body.string string
            http[].directResponse.status integer min=0 max=4294967295
            http[].fault object
            http[].fault.abort object
            http[].fault.abort.grpcStatus string
            http[].fault.abort.http2Error string
            http[].fault.abort.httpStatus integer
            http[].fault.abort.percentage object
            http[].fault.abort.percentage.value number
            http[].fault.delay object
            http[].fault.delay.exponentialDelay string duration
            http[].fault.delay.fixedDelay string duration
            http[].fault.delay.percent integer
            http[].fault.delay.percentage object
            http[].fault.delay.percentage.value number
            http[].headers object
            http[].headers.request object
            http[].headers.request.add object
            http[].headers.request.add{} string
            http[].headers.request.remove array
            http[].headers.request.remove[] string
            http[].headers.request.set object
            http[].headers.request.set{} string
            http[].headers.response object
            http[].headers.response.add object
            http[].headers.response.add{} string
            http[].headers.response.remove array
            http[].headers.response.remove[] string
            http[].headers.response.set object
            http[].headers.response.set{} string
            http[].match array
            http[].match[] object
            http[].match[].authority object
            http[].match[].authority.exact string
            http[].match[].authority.prefix string
            http[].match[].authority.regex string
            http[].match[].gateways array
            http[].match[].gateways[] string
            http[].match[].headers object
            http[].match[].headers{} object
            http[].match[].headers{}.exact string
            http[].match[].headers{}.prefix string
            http[].match[].headers{}.regex string
            http[].match[].ignoreUriCase boolean
            http[].match[].method object
            http[].match[].method.exact string
            http[].match[].method.prefix string
            http[].match[].method.regex string
            http[].match[].name string
            http[].match[].port integer min=0 max=4294967295
            http[].match[].queryParams object
            http[].match[].queryParams{} object
            http[].match[].queryParams{}.exact string
            http[].match[].queryParams{}.prefix string
            http[].match[].queryParams{}.regex string
            http[].match[].scheme object
            http[].match[].scheme.exact string
            http[].match[].scheme.prefix string
            http[].match[].scheme.regex string
            http[].match[].sourceLabels object
            http[].match[].sourceLabels{} string
            http[].match[].sourceNamespace string
            http[].match[].statPrefix string
            http[].match[].uri object
            http[].match[].uri.exact string
            http[].match[].uri.prefix string
            http[].match[].uri.regex string
            http[].match[].withoutHeaders object
            http[].match[].withoutHeaders{} object
            http[].match[].withoutHeaders{}.exact string
            http[].match[].withoutHeaders{}.prefix string
            http[].match[].withoutHeaders{}.regex string
            http[].mirror object required=host
            http[].mirror.host string
            http[].mirror.port object
            http[].mirror.port.number integer min=0 max=4294967295
            http[].mirror.subset string
            http[].mirror_percent integer min=0 max=4294967295 nullable
            http[].mirrorPercent integer min=0 max=4294967295 nullable
            http[].mirrorPercentage object
            http[].mirrorPercentage.value number
            http[].mirrors array
            http[].mirrors[] object required=destination
            http[].mirrors[].destination object required=host
            http[].mirrors[].destination.host string
            http[].mirrors[].destination.port object
            http[].mirrors[].destination.port.number integer min=0 max=4294967295
            http[].mirrors[].destination.subset string
            http[].mirrors[].percentage object
            http[].mirrors[].percentage.value number
            http[].name string
            http[].redirect object
            http[].redirect.authority string
            http[].redirect.derivePort string enum=FROM_PROTOCOL_DEFAULT,FROM_REQUEST_PORT
            http[].redirect.port integer min=0 max=4294967295
            http[].redirect.redirectCode integer min=0 max=4294967295
            http[].redirect.scheme string
            http[].redirect.uri string
            http[].retries object
            http[].retries.attempts integer
            http[].retries.backoff string duration
            http[].retries.perTryTimeout string duration
            http[].retries.retryIgnorePreviousHosts boolean nullable
            http[].retries.retryOn string
            http[].retries.retryRemoteLocalities boolean nullable
            http[].rewrite object
            http[].rewrite.authority string
            http[].rewrite.uri string
            http[].rewrite.uriRegexRewrite object
            http[].rewrite.uriRegexRewrite.match string
            http[].rewrite.uriRegexRewrite.rewrite string
            http[].route array
            http[].route[] object required=destination
            http[].route[].destination object required=host
            http[].route[].destination.host string
            http[].route[].destination.port object
            http[].route[].destination.port.number integer min=0 max=4294967295
            http[].route[].destination.subset string
            http[].route[].headers object
            http[].route[].headers.request object
            http[].route[].headers.request.add object
            http[].route[].headers.request.add{} string
            http[].route[].headers.request.remove array
            http[].route[].headers.request.remove[] string
            http[].route[].headers.request.set object
            http[].route[].headers.request.set{} string
            http[].route[].headers.response object
            http[].route[].headers.response.add object
            http[].route[].headers.response.add{} string
            http[].route[].headers.response.remove array
            http[].route[].headers.response.remove[] string
            http[].route[].headers.response.set object
            http[].route[].headers.response.set{} string
            http[].route[].weight integer
            http[].timeout string duration
            tcp array
            tcp[] object
            tcp[].match array
            tcp[].match[] object
            tcp[].match[].destinationSubnets array
            tcp[].match[].destinationSubnets[] string
            tcp[].match[].gateways array
            tcp[].match[].gateways[] string
            tcp[].match[].port integer min=0 max=4294967295
            tcp[].match[].sourceLabels object
            tcp[].match[].sourceLabels{} string
            tcp[].match[].sourceNamespace string
            tcp[].match[].sourceSubnet string
            tcp[].route array
            tcp[].route[] object required=destination
            tcp[].route[].destination object required=host
            tcp[].route[].destination.host string
            tcp[].route[].destination.port object
            tcp[].route[].destination.port.number integer min=0 max=4294967295
            tcp[].route[].destination.subset string
            tcp[].route[].weight integer
            tls array
            tls[] object required=match
            tls[].match array
            tls[].match[] object required=sniHosts
            tls[].match[].destinationSubnets array
            tls[].match[].destinationSubnets[] string
            tls[].match[].gateways array
            tls[].match[].gateways[] string
            tls[].match[].port integer min=0 max=4294967295
            tls[].match[].sniHosts array
            tls[].match[].sniHosts[] string
            tls[].match[].sourceLabels object
            tls[].match[].sourceLabels{} string
            tls[].match[].sourceNamespace string
            tls[].route array
            tls[].route[] object required=destination
            tls[].route[].destination object required=host
            tls[].route[].destination.host string
            tls[].route[].destination.port object
            tls[].route[].destination.port.number integer min=0 max=4294967295
            tls[].route[].destination.subset string
            tls[].route[].weight integer
            """;

    private static final String DESTINATION_RULE = """
            . object required=host
            exportTo array
            exportTo[] string
            host string
            subsets array
            subsets[] object required=name
            subsets[].labels object
            subsets[].labels{} string
            subsets[].name string
            trafficPolicy object
            trafficPolicy.connectionPool object
            trafficPolicy.connectionPool.http object
            trafficPolicy.connectionPool.http.h2UpgradePolicy string enum=DEFAULT,DO_NOT_UPGRADE,UPGRADE
            trafficPolicy.connectionPool.http.http1MaxPendingRequests integer
            trafficPolicy.connectionPool.http.http2MaxRequests integer
            trafficPolicy.connectionPool.http.idleTimeout string duration
            trafficPolicy.connectionPool.http.maxConcurrentStreams integer
            trafficPolicy.connectionPool.http.maxRequestsPerConnection integer
            trafficPolicy.connectionPool.http.maxRetries integer
            trafficPolicy.connectionPool.http.useClientProtocol boolean
            trafficPolicy.connectionPool.tcp object
            trafficPolicy.connectionPool.tcp.connectTimeout string duration
            trafficPolicy.connectionPool.tcp.idleTimeout string
            trafficPolicy.connectionPool.tcp.maxConnectionDuration string duration
            trafficPolicy.connectionPool.tcp.maxConnections integer
            trafficPolicy.connectionPool.tcp.tcpKeepalive object
            trafficPolicy.connectionPool.tcp.tcpKeepalive.interval string duration
            trafficPolicy.connectionPool.tcp.tcpKeepalive.probes integer min=0 max=4294967295
            trafficPolicy.connectionPool.tcp.tcpKeepalive.time string duration
            trafficPolicy.loadBalancer object
            trafficPolicy.loadBalancer.consistentHash object
            trafficPolicy.loadBalancer.consistentHash.httpCookie object required=name
            trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes array
            trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[] object required=name
            trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[].name string
            trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes[].value string
            trafficPolicy.loadBalancer.consistentHash.httpCookie.name string
            trafficPolicy.loadBalancer.consistentHash.httpCookie.path string
            trafficPolicy.loadBalancer.consistentHash.httpCookie.ttl string
            trafficPolicy.loadBalancer.consistentHash.httpHeaderName string
            trafficPolicy.loadBalancer.consistentHash.httpQueryParameterName string
            trafficPolicy.loadBalancer.consistentHash.maglev object
            trafficPolicy.loadBalancer.consistentHash.maglev.tableSize integer min=0
            trafficPolicy.loadBalancer.consistentHash.minimumRingSize integer min=0
            trafficPolicy.loadBalancer.consistentHash.ringHash object
            trafficPolicy.loadBalancer.consistentHash.ringHash.minimumRingSize integer min=0
            trafficPolicy.loadBalancer.consistentHash.useSourceIp boolean
            trafficPolicy.loadBalancer.localityLbSetting object
            trafficPolicy.loadBalancer.localityLbSetting.distribute array
            trafficPolicy.loadBalancer.localityLbSetting.distribute[] object
            trafficPolicy.loadBalancer.localityLbSetting.distribute[].from string
            trafficPolicy.loadBalancer.localityLbSetting.distribute[].to object
            trafficPolicy.loadBalancer.localityLbSetting.distribute[].to{} integer min=0 max=4294967295
            trafficPolicy.loadBalancer.localityLbSetting.enabled boolean nullable
            trafficPolicy.loadBalancer.localityLbSetting.failover array
            trafficPolicy.loadBalancer.localityLbSetting.failover[] object
            trafficPolicy.loadBalancer.localityLbSetting.failover[].from string
            trafficPolicy.loadBalancer.localityLbSetting.failover[].to string
            trafficPolicy.loadBalancer.localityLbSetting.failoverPriority array
            trafficPolicy.loadBalancer.localityLbSetting.failoverPriority[] string
            trafficPolicy.loadBalancer.simple string enum=UNSPECIFIED,LEAST_CONN,RANDOM,PASSTHROUGH,ROUND_ROBIN,LEAST_REQUEST
            trafficPolicy.loadBalancer.warmup object required=duration
            trafficPolicy.loadBalancer.warmup.aggression number min=1 nullable
            trafficPolicy.loadBalancer.warmup.duration string duration
            trafficPolicy.loadBalancer.warmup.minimumPercent number min=0 max=100 nullable
            trafficPolicy.loadBalancer.warmupDurationSecs string duration
            trafficPolicy.outlierDetection object
            trafficPolicy.outlierDetection.baseEjectionTime string duration
            trafficPolicy.outlierDetection.consecutive5xxErrors integer min=0 max=4294967295 nullable
            trafficPolicy.outlierDetection.consecutiveErrors integer
            trafficPolicy.outlierDetection.consecutiveGatewayErrors integer min=0 max=4294967295 nullable
            trafficPolicy.outlierDetection.consecutiveLocalOriginFailures integer min=0 max=4294967295 nullable
            trafficPolicy.outlierDetection.interval string duration
            trafficPolicy.outlierDetection.maxEjectionPercent integer
            trafficPolicy.outlierDetection.minHealthPercent integer
            trafficPolicy.outlierDetection.splitExternalLocalOriginErrors boolean
            trafficPolicy.portLevelSettings array
            trafficPolicy.portLevelSettings[] object
            trafficPolicy.portLevelSettings[].connectionPool object
            trafficPolicy.portLevelSettings[].connectionPool.http object
            trafficPolicy.portLevelSettings[].connectionPool.http.h2UpgradePolicy string enum=DEFAULT,DO_NOT_UPGRADE,UPGRADE
            trafficPolicy.portLevelSettings[].connectionPool.http.http1MaxPendingRequests integer
            trafficPolicy.portLevelSettings[].connectionPool.http.http2MaxRequests integer
            trafficPolicy.portLevelSettings[].connectionPool.http.idleTimeout string duration
            trafficPolicy.portLevelSettings[].connectionPool.http.maxConcurrentStreams integer
            trafficPolicy.portLevelSettings[].connectionPool.http.maxRequestsPerConnection integer
            trafficPolicy.portLevelSettings[].connectionPool.http.maxRetries integer
            trafficPolicy.portLevelSettings[].connectionPool.http.useClientProtocol boolean
            trafficPolicy.portLevelSettings[].connectionPool.tcp object
            trafficPolicy.portLevelSettings[].connectionPool.tcp.connectTimeout string duration
            trafficPolicy.portLevelSettings[].connectionPool.tcp.idleTimeout string
            trafficPolicy.portLevelSettings[].connectionPool.tcp.maxConnectionDuration string duration
            trafficPolicy.portLevelSettings[].connectionPool.tcp.maxConnections integer
            trafficPolicy.portLevelSettings[].connectionPool.tcp.tcpKeepalive object
            trafficPolicy.portLevelSettings[].connectionPool.tcp.tcpKeepalive.interval string duration
            trafficPolicy.portLevelSettings[].connectionPool.tcp.tcpKeepalive.probes integer min=0 max=4294967295
            trafficPolicy.portLevelSettings[].connectionPool.tcp.tcpKeepalive.time string duration
            trafficPolicy.portLevelSettings[].loadBalancer object
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash object
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie object required=name
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.attributes array
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.attributes[] object required=name
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.attributes[].name string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.attributes[].value string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.name string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.path string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpCookie.ttl string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpHeaderName string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.httpQueryParameterName string
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.maglev object
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.maglev.tableSize integer min=0
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.minimumRingSize integer min=0
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.ringHash object
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.ringHash.minimumRingSize integer min=0
            trafficPolicy.portLevelSettings[].loadBalancer.consistentHash.useSourceIp boolean
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting object
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute array
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute[] object
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute[].from string
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute[].to object
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.distribute[].to{} integer min=0 max=4294967295
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.enabled boolean nullable
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failover array
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failover[] object
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failover[].from string
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failover[].to string
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failoverPriority array
            trafficPolicy.portLevelSettings[].loadBalancer.localityLbSetting.failoverPriority[] string
            trafficPolicy.portLevelSettings[].loadBalancer.simple string enum=UNSPECIFIED,LEAST_CONN,RANDOM,PASSTHROUGH,ROUND_ROBIN,LEAST_REQUEST
            trafficPolicy.portLevelSettings[].loadBalancer.warmup object required=duration
            trafficPolicy.portLevelSettings[].loadBalancer.warmup.aggression number min=1 nullable
            trafficPolicy.portLevelSettings[].loadBalancer.warmup.duration string duration
            trafficPolicy.portLevelSettings[].loadBalancer.warmup.minimumPercent number min=0 max=100 nullable
            trafficPolicy.portLevelSettings[].loadBalancer.warmupDurationSecs string duration
            trafficPolicy.portLevelSettings[].outlierDetection object
            trafficPolicy.portLevelSettings[].outlierDetection.baseEjectionTime string duration
            trafficPolicy.portLevelSettings[].outlierDetection.consecutive5xxErrors integer min=0 max=4294967295 nullable
            trafficPolicy.portLevelSettings[].outlierDetection.consecutiveErrors integer
            trafficPolicy.portLevelSettings[].outlierDetection.consecutiveGatewayErrors integer min=0 max=4294967295 nullable
            trafficPolicy.portLevelSettings[].outlierDetection.consecutiveLocalOriginFailures integer min=0 max=4294967295 nullable
            trafficPolicy.portLevelSettings[].outlierDetection.interval string duration
            trafficPolicy.portLevelSettings[].outlierDetection.maxEjectionPercent integer
            trafficPolicy.portLevelSettings[].outlierDetection.minHealthPercent integer
            trafficPolicy.portLevelSettings[].outlierDetection.splitExternalLocalOriginErrors boolean
            trafficPolicy.portLevelSettings[].port object
            trafficPolicy.portLevelSettings[].port.number integer min=0 max=4294967295
            trafficPolicy.portLevelSettings[].tls object
            trafficPolicy.portLevelSettings[].tls.caCertificates string
            trafficPolicy.portLevelSettings[].tls.caCrl string
            trafficPolicy.portLevelSettings[].tls.clientCertificate string
            trafficPolicy.portLevelSettings[].tls.credentialName string
            trafficPolicy.portLevelSettings[].tls.insecureSkipVerify boolean nullable
            trafficPolicy.portLevelSettings[].tls.mode string enum=DISABLE,SIMPLE,MUTUAL,ISTIO_MUTUAL
            trafficPolicy.portLevelSettings[].tls.privateKey string
            trafficPolicy.portLevelSettings[].tls.sni string
            trafficPolicy.portLevelSettings[].tls.subjectAltNames array
            trafficPolicy.portLevelSettings[].tls.subjectAltNames[] string
            trafficPolicy.proxyProtocol object
            trafficPolicy.proxyProtocol.version string enum=V1,V2
            trafficPolicy.retryBudget object
            trafficPolicy.retryBudget.minRetryConcurrency integer min=0 max=4294967295
            trafficPolicy.retryBudget.percent number min=0 max=100 nullable
            trafficPolicy.tls object
            trafficPolicy.tls.caCertificates string
            trafficPolicy.tls.caCrl string
            trafficPolicy.tls.clientCertificate string
            trafficPolicy.tls.credentialName string
            trafficPolicy.tls.insecureSkipVerify boolean nullable
            trafficPolicy.tls.mode string enum=DISABLE,SIMPLE,MUTUAL,ISTIO_MUTUAL
            trafficPolicy.tls.privateKey string
            trafficPolicy.tls.sni string
            trafficPolicy.tls.subjectAltNames array
            trafficPolicy.tls.subjectAltNames[] string
            trafficPolicy.tunnel object required=targetHost,targetPort
            trafficPolicy.tunnel.protocol string
            trafficPolicy.tunnel.targetHost string
            trafficPolicy.tunnel.targetPort integer min=0 max=4294967295
            workloadSelector object
            workloadSelector.matchLabels object
            workloadSelector.matchLabels{} string maxLength=63
            """;

    private static final Map<String, Map<String, Prop>> SCHEMAS = Map.of(
            "VirtualService", table(VIRTUAL_SERVICE),
            "DestinationRule", table(DESTINATION_RULE));

    private static final List<String> TOP_LEVEL = List.of("apiVersion", "kind", "metadata", "spec", "status");

    private CrdSchema() {}

    private static Map<String, Prop> table(String text) {
        Map<String, Prop> out = new HashMap<>();
        for (String line : text.strip().split("\\n")) {
            String l = line.strip();
            int sp = l.indexOf(' ');
            out.put(l.substring(0, sp), Prop.parse(l.substring(sp + 1)));
        }
        return out;
    }

    /** Whether the CRD declares this spec field (path like "http[].route[].weight"). */
    static boolean declares(String kind, String schemaPath) { return prop(kind, schemaPath) != null; }

    static Prop prop(String kind, String schemaPath) {
        Map<String, Prop> t = SCHEMAS.get(kind);
        if (t == null) return null;
        String p = schemaPath;
        if (kind.equals("DestinationRule") && p.startsWith("subsets[].trafficPolicy")) {
            p = p.substring("subsets[].".length());
        }
        return t.get(p.isEmpty() ? "." : p);
    }

    static String child(String schemaPath, String name) { return schemaPath.isEmpty() ? name : schemaPath + "." + name; }

    /**
     * The API server's findings for one VirtualService or DestinationRule: unknown fields (DECODE) if there are
     * any, since the request stops there; otherwise the schema and CEL findings (SCHEMA).
     */
    static List<Finding> check(Document doc) {
        String kind = doc.kind();
        if (!SCHEMAS.containsKey(kind)) return List.of();
        Walk w = new Walk(doc, kind);
        Node root = Node.root(doc);
        root.entries().forEach((name, node) -> {
            if (!TOP_LEVEL.contains(name)) w.unknown(node);
        });
        Node spec = root.get("spec");
        if (spec.present()) w.walk(spec, "");
        return w.decode.isEmpty() ? w.schema : w.decode;
    }

    private static final class Walk {
        final Document doc;
        final String kind;
        final List<Finding> decode = new ArrayList<>();
        final List<Finding> schema = new ArrayList<>();

        Walk(Document doc, String kind) {
            this.doc = doc;
            this.kind = kind;
        }

        void unknown(Node node) {
            decode.add(new Finding(Severity.ERROR, Stage.DECODE, "", doc, node.path(),
                    "unknown field " + GoText.quote(node.path())));
        }

        void invalid(Node node, String body) {
            schema.add(new Finding(Severity.ERROR, Stage.SCHEMA, "", doc, node.path(), body));
        }

        void walk(Node node, String schemaPath) {
            Prop p = prop(kind, schemaPath);
            if (p == null) {
                unknown(node);
                return;
            }
            if (!node.present()) return; // null is pruned before validation
            String actual = jsonType(node);
            if (!fits(p.type(), node)) {
                invalid(node, "Invalid value: " + GoText.quote(actual) + ": " + node.path() + " in body must be of type "
                        + p.type() + ": " + GoText.quote(actual));
                return;
            }
            switch (p.type()) {
                case "object" -> {
                    for (String r : p.required()) {
                        if (!node.get(r).json().isMissingNode() && !node.get(r).json().isNull()) continue;
                        invalid(node.get(r), "Required value");
                    }
                    boolean isMap = prop(kind, schemaPath + "{}") != null;
                    node.entries().forEach((name, value) -> walk(value, isMap ? schemaPath + "{}" : child(schemaPath, name)));
                }
                case "array" -> node.items().forEach(item -> walk(item, schemaPath + "[]"));
                case "string" -> {
                    String v = node.text();
                    if (!p.enumValues().isEmpty() && !p.enumValues().contains(v)) {
                        invalid(node, "Unsupported value: " + GoText.quote(v) + ": supported values: "
                                + p.enumValues().stream().map(GoText::quote).collect(Collectors.joining(", ")));
                    }
                    if (p.duration()) duration(node, v);
                }
                case "integer", "number" -> bounds(node, p);
                default -> { }
            }
        }

        /** The CRD's CEL rule {@code duration(self) >= duration('1ms')}. */
        void duration(Node node, String v) {
            OptionalLong d = GoDuration.parse(v);
            String rule = "must be a valid duration greater than 1ms";
            if (d.isEmpty()) {
                invalid(node, "Invalid value: \"string\": type conversion error from 'string' to "
                        + "'google.protobuf.Duration' evaluating rule: " + rule);
            } else if (d.getAsLong() < GoDuration.MILLISECOND) {
                invalid(node, "Invalid value: \"string\": " + rule);
            }
        }

        void bounds(Node node, Prop p) {
            boolean integral = node.isInteger();
            String value = integral ? Long.toString(node.integer()) : GoText.floatV(node.number());
            if (p.min() != null && node.number() < p.min()) {
                invalid(node, "Invalid value: " + value + ": " + node.path() + " in body should be greater than or equal to "
                        + bound(p.min(), integral));
            }
            if (p.max() != null && node.number() > p.max()) {
                invalid(node, "Invalid value: " + value + ": " + node.path() + " in body should be less than or equal to "
                        + bound(p.max(), integral));
            }
        }

        private static String bound(double b, boolean integral) {
            return integral ? Long.toString((long) b) : GoText.floatV(b);
        }
    }

    /** The JSON type name the OpenAPI validator reports for a value. */
    static String jsonType(Node node) {
        if (node.isObject()) return "object";
        if (node.isArray()) return "array";
        if (node.isText()) return "string";
        if (node.isBoolean()) return "boolean";
        if (node.isInteger()) return "integer";
        if (node.isNumber()) return "number";
        return "null";
    }

    private static boolean fits(String type, Node node) {
        return switch (type) {
            case "object" -> node.isObject();
            case "array" -> node.isArray();
            case "string" -> node.isText();
            case "boolean" -> node.isBoolean();
            case "integer" -> node.isInteger() || (node.isNumber() && node.number() == Math.rint(node.number()));
            case "number" -> node.isNumber();
            default -> true;
        };
    }

    static List<String> kinds() { return Arrays.asList("VirtualService", "DestinationRule"); }
}
