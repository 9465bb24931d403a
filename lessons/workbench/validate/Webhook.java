package workbench.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import workbench.manifest.Document;

/**
 * Collects what istiod's validating webhook would say about one object, in the order it says it, plus the checks
 * VirtualService and DestinationRule validation share (durations, destinations, percentages, exportTo).
 */
final class Webhook {
    final Document doc;
    final String namespace;
    private final List<Finding> findings = new ArrayList<>();

    Webhook(Document doc, String namespace) {
        this.doc = doc;
        this.namespace = namespace;
    }

    List<Finding> findings() { return findings; }

    void error(String path, String message) {
        findings.add(new Finding(Severity.ERROR, Stage.WEBHOOK, "", doc, path, message));
    }

    void error(String path, Optional<String> message) { message.ifPresent(m -> error(path, m)); }

    void warning(String path, String message) {
        findings.add(new Finding(Severity.WARNING, Stage.WEBHOOK, "", doc, path, message));
    }

    /** agent.ValidateDuration, which every duration field goes through: at least 1ms, whole milliseconds. */
    void duration(Node node) {
        if (!node.present()) return;
        OptionalLong d = GoDuration.parse(node.text());
        if (d.isEmpty()) return; // the API server's CEL rule already refused it
        if (d.getAsLong() < GoDuration.MILLISECOND) error(node.path(), "duration must be greater than 1ms");
        else if (d.getAsLong() % GoDuration.MILLISECOND != 0) error(node.path(), "only durations to ms precision are supported");
    }

    /** validateDestination: host, subset name and port of a route destination or mirror. */
    void destination(Node dest) {
        if (!dest.present()) return;
        Node host = dest.get("host");
        if (host.text().equals("*")) error(host.path(), "invalid destination host *");
        else error(host.path(), Names.wildcardDomain(host.text()));
        Node subset = dest.get("subset");
        if (!subset.text().isEmpty()) error(subset.path(), subsetName(subset.text()));
        Node port = dest.get("port");
        if (port.present()) error(port.get("number").path(), Names.port(port.get("number").integer()));
    }

    /** validateSubsetName: a DNS-1123 label (Istio's pattern admits upper case). */
    static Optional<String> subsetName(String name) {
        if (name.isEmpty()) return Optional.of("subset name cannot be empty");
        if (!Names.isDns1123Label(name)) return Optional.of("subset name is invalid: " + name);
        return Optional.empty();
    }

    /** labels.Instance.Validate on a map of labels. */
    void labels(Node labels) {
        labels.entries().forEach((k, v) -> {
            for (String e : Names.labelErrors(java.util.Map.of(k, v.text()))) error(v.path(), e);
        });
    }

    /** validatePercentage for fault injection: 0, or 0.0001 to 100. */
    void faultPercentage(Node percentage) {
        if (!percentage.present()) return;
        double v = percentage.get("value").number();
        if (v < 0 || v > 100 || (v > 0 && v < 0.0001)) {
            error(percentage.get("value").path(), "percentage " + GoText.floatV(v) + " is neither 0.0, nor in range [0.0001, 100.0]");
        }
    }

    /** ValidatePercent for integer percentages (outlier detection). */
    void percent(Node node) {
        long v = node.integer();
        if (v < 0 || v > 100) error(node.path(), "percentage " + v + " is not in range 0..100");
    }

    /** validateExportTo for Istio configuration objects. */
    void exportTo(Node exportTo, boolean destinationRuleWithSelector) {
        List<Node> entries = exportTo.items();
        if (entries.isEmpty()) return;
        List<String> set = new ArrayList<>();
        for (Node e : entries) {
            String value = e.text();
            String key = value.equals(".") ? namespace : value;
            if (set.contains(key)) {
                if (!key.equals(value)) error(e.path(), "duplicate entries in exportTo: . and current namespace " + namespace);
                else error(e.path(), "duplicate entries in exportTo for entry " + value);
                continue;
            }
            if (key.equals("~")) {
                error(e.path(), "exportTo ~ (none) is not allowed for Istio configuration objects");
            } else if (!key.equals("*") && !key.equals(".") && !Names.isDns1123Label(key)) {
                error(e.path(), "only .,*, or a valid DNS 1123 label is allowed as exportTo entry");
            } else {
                set.add(key);
            }
        }
        if (destinationRuleWithSelector && !set.isEmpty()) {
            if (set.contains(namespace)) {
                if (set.size() > 1) error(exportTo.path(), "destination rule with workload selector cannot have multiple entries in exportTo");
            } else {
                error(exportTo.path(), "destination rule with workload selector cannot have exportTo beyond current namespace");
            }
        }
        if (set.contains("*") && entries.size() > 1) {
            error(exportTo.path(), "cannot have both public (*) and non-public exportTo values for a resource");
        }
    }

    /** Go's net/http StatusText knows these codes; retryOn accepts them as retriable status codes. */
    static final Set<Integer> HTTP_STATUS_TEXT = Set.of(100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207,
            208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410,
            411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502,
            503, 504, 505, 506, 507, 508, 510, 511);
}
