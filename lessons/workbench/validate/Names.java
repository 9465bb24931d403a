package workbench.validate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Istio's checks on names: DNS-1123 labels and (wildcard) domains (pkg/config/validation/agent), label
 * selectors (pkg/config/labels), ports, and host overlap (pkg/config/host). Note that Istio's DNS-1123 label
 * pattern admits upper-case letters, so "V1" is an acceptable subset name and "Reviews" an acceptable host.
 */
final class Names {
    private static final String LABEL = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);
    private static final Pattern WILDCARD_LABEL = Pattern.compile("\\*|(?:\\*|\\*-)?" + LABEL);
    private static final String QUALIFIED_NAME = "(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final Pattern TAG_KEY = Pattern.compile("(" + LABEL + "(?:\\." + LABEL + ")*/)?(" + QUALIFIED_NAME + ")");
    private static final Pattern LABEL_VALUE = Pattern.compile("(?:" + QUALIFIED_NAME + ")?");
    private static final Pattern IPV4 = Pattern.compile("(?:0|[1-9][0-9]{0,2})(?:\\.(?:0|[1-9][0-9]{0,2})){3}");

    private Names() {}

    static boolean isDns1123Label(String s) { return s.length() <= 63 && DNS1123_LABEL.matcher(s).matches(); }

    static boolean isWildcardDns1123Label(String s) { return s.length() <= 63 && WILDCARD_LABEL.matcher(s).matches(); }

    /** agent.ValidateWildcardDomain: a domain with an optional wildcard in its first label. */
    static Optional<String> wildcardDomain(String domain) {
        if (domain.length() > 255) return Optional.of("domain name " + GoText.quote(domain) + " too long (max 255)");
        if (domain.isEmpty()) return Optional.of("empty domain name not allowed");
        int dot = domain.indexOf('.');
        String first = dot < 0 ? domain : domain.substring(0, dot);
        if (!isWildcardDns1123Label(first)) {
            return Optional.of("domain name " + GoText.quote(domain) + " invalid (label " + GoText.quote(first) + " invalid)");
        }
        return dot < 0 ? Optional.empty() : dns1123Labels(domain.substring(dot + 1));
    }

    /** agent.ValidateDNS1123Labels: every label valid, an optional trailing dot, a top-level domain not all digits. */
    static Optional<String> dns1123Labels(String domain) {
        String[] parts = domain.split("\\.", -1);
        String tld = parts[parts.length - 1];
        if (goAtoiOk(tld)) {
            return Optional.of("domain name " + GoText.quote(domain) + " invalid (top level domain "
                    + GoText.quote(tld) + " cannot be all-numeric)");
        }
        for (int i = 0; i < parts.length; i++) {
            if (i == parts.length - 1 && parts[i].isEmpty()) return Optional.empty();
            if (!isDns1123Label(parts[i])) {
                return Optional.of("domain name " + GoText.quote(domain) + " invalid (label " + GoText.quote(parts[i]) + " invalid)");
            }
        }
        return Optional.empty();
    }

    /** Whether Go's strconv.Atoi accepts the text (optional sign, decimal digits, fits in 64 bits). */
    static boolean goAtoiOk(String s) {
        if (!s.matches("[+-]?[0-9]+")) return false;
        try {
            Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** netip.ParseAddr: an IPv4 or IPv6 literal. */
    static boolean isIpAddress(String s) {
        if (IPV4.matcher(s).matches()) {
            for (String part : s.split("\\.")) if (Integer.parseInt(part) > 255) return false;
            return true;
        }
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+")) return false;
        try {
            InetAddress.getByName(s.contains("%") ? s.substring(0, s.indexOf('%')) : s);
            return true;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return false;
        }
    }

    /** host.Name.Matches: the two host names overlap (exact, or one's wildcard covers the other). */
    static boolean hostsOverlap(String n, String o) {
        boolean nw = n.startsWith("*");
        boolean ow = o.startsWith("*");
        if (nw && ow) return n.length() < o.length() ? o.substring(1).endsWith(n.substring(1)) : n.substring(1).endsWith(o.substring(1));
        if (nw) return o.endsWith(n.substring(1));
        if (ow) return n.endsWith(o.substring(1));
        return n.equals(o);
    }

    /** agent.ValidatePort. */
    static Optional<String> port(long port) {
        return port >= 1 && port <= 65535 ? Optional.empty()
                : Optional.of("port number " + port + " must be in the range 1..65535");
    }

    /** labels.Instance.Validate: every key a valid label key and every value a valid label value. */
    static List<String> labelErrors(Map<String, String> labels) {
        List<String> out = new ArrayList<>();
        labels.forEach((k, v) -> {
            tagKeyError(k).ifPresent(out::add);
            if (!LABEL_VALUE.matcher(v).matches()) out.add("invalid tag value: " + GoText.quote(v));
        });
        return out;
    }

    private static Optional<String> tagKeyError(String k) {
        var m = TAG_KEY.matcher(k);
        if (!m.matches()) return Optional.of("invalid tag key: " + GoText.quote(k));
        if (m.group(1) != null && m.group(1).length() - 1 > 253) {
            return Optional.of("invalid tag key: " + GoText.quote(k) + " (DNS prefix is too long)");
        }
        if (m.group(2).length() > 63) return Optional.of("invalid tag key: " + GoText.quote(k) + " (name is too long)");
        return Optional.empty();
    }
}
