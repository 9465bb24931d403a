package workbench.bookinfo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import workbench.mesh.MeshRequest;

/** The headers Bookinfo services copy from the request they serve onto the requests they make. */
final class ForwardedHeaders {
    /** productpage's list; {@code end-user} is not on it: productpage sets that from its own session. */
    static final List<String> PRODUCTPAGE = List.of(
            "x-request-id", "x-ot-span-context", "x-datadog-trace-id", "x-datadog-parent-id",
            "x-datadog-sampling-priority", "traceparent", "tracestate", "x-cloud-trace-context", "grpc-trace-bin",
            "x-b3-traceid", "x-b3-spanid", "x-b3-sampled", "sw8", "user-agent", "cookie", "authorization", "jwt");

    /** reviews' list, which does carry {@code end-user} on to ratings. */
    static final List<String> REVIEWS = List.of(
            "x-request-id", "x-ot-span-context", "x-datadog-trace-id", "x-datadog-parent-id",
            "x-datadog-sampling-priority", "traceparent", "tracestate", "x-cloud-trace-context", "grpc-trace-bin",
            "x-b3-traceid", "x-b3-spanid", "x-b3-parentspanid", "x-b3-sampled", "x-b3-flags", "sw8", "end-user",
            "user-agent", "cookie", "authorization", "jwt");

    private ForwardedHeaders() {}

    static Map<String, String> copy(MeshRequest from, List<String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : names) {
            String value = from.header(name);
            if (value != null) out.put(name, value);
        }
        return out;
    }
}
