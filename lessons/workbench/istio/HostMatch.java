package workbench.istio;

import java.util.Locale;

/**
 * Istio's host matching for Gateways and VirtualServices: {@code *} matches any host, {@code *.example.com}
 * any host ending in {@code .example.com} (not {@code example.com} itself), anything else only itself, case aside.
 */
public final class HostMatch {
    private HostMatch() {}

    public static boolean matches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.equals("*")) return true;
        if (p.startsWith("*.")) return h.endsWith(p.substring(1));
        return p.equals(h);
    }

    /** Whether two host patterns can both match some host: the test istioctl analyze makes for IST0132. */
    public static boolean overlap(String a, String b) {
        return matches(a, b.startsWith("*") ? b.substring(1).replaceFirst("^\\.", "x.") : b)
                || matches(b, a.startsWith("*") ? a.substring(1).replaceFirst("^\\.", "x.") : a)
                || a.equals("*") || b.equals("*");
    }

    /** The host part of an authority ("localhost:8080" → "localhost"). */
    public static String hostOf(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon > 0 && authority.indexOf(']') < colon ? authority.substring(0, colon) : authority;
    }
}
