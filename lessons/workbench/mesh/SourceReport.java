package workbench.mesh;

import java.util.ArrayList;
import java.util.List;

/**
 * What a caller's sidecar learns about one request for its {@code reporter="source"} metrics: the destination
 * service, the last host tried, and Envoy's response flags (envoy stream_info ResponseFlagUtils short codes).
 */
final class SourceReport {
    String service;
    Pod host;
    private String injected = "";   // DI (delay injected), FI (fault abort), or both
    private String localReply = ""; // NR, NC, UH: Envoy answered before any host was chosen

    void localReply(RouteDecision.LocalReply reply) {
        if (!reply.delay().isZero()) injected = "DI";
        if (reply.reason().startsWith("FI ")) injected = injected.isEmpty() ? "FI" : "DI,FI";
        for (String code : new String[] {"NR", "NC", "UH"}) if (reply.reason().startsWith(code + " ")) localReply = code;
    }

    void forward(RouteDecision.Forward forward) {
        service = forward.service().fqdn();
        if (!forward.faultDelay().isZero()) injected = "DI";
    }

    /** The flag of a reply the router made after its tries: timeout, no healthy host, overflow, or a reset. */
    String afterTries(MeshResponse response) {
        if (host == null) return "";
        String body = response.body();
        if (response.status() == 504 && body.equals(Retrier.TIMEOUT_BODY)) return "UT";
        if (response.status() == 503 && body.equals(Retrier.NO_HEALTHY_UPSTREAM)) return "UH";
        if ("true".equals(response.headers().get("x-envoy-overloaded"))) return "UO";
        if (response.status() == 503 && body.startsWith(Retrier.RESET_PREFIX)) {
            String flag = body.contains("connection failure") ? "UF" : "UC";
            return body.contains("retried and the latest") ? flag + ",URX" : flag;
        }
        return "";
    }

    /** The response_flags label: the flags in Envoy's order (UH, UT, UF, UC, UO, NR, DI, FI, URX, NC), "-" when none. */
    String flags(String fromTries) {
        List<String> all = new ArrayList<>();
        for (String f : new String[] {localReply.equals("UH") ? "UH" : "", fromTries, localReply.equals("NR") ? "NR" : "",
                injected, localReply.equals("NC") ? "NC" : ""}) {
            if (!f.isEmpty() && !f.equals("-")) all.add(f);
        }
        return all.isEmpty() ? "-" : String.join(",", all);
    }
}
