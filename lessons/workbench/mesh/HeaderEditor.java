package workbench.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import workbench.istio.HeaderOperations;

/**
 * Header operations the way Envoy's HeaderParser applies one level of them: every removal first, then the
 * additions in order, {@code set} as OVERWRITE_IF_EXISTS_OR_ADD and {@code add} as APPEND_IF_EXISTS_OR_ADD; empty
 * values are skipped (keep_empty_value is false). Pilot lists a block's {@code set} entries (sorted by name) before
 * its {@code add} entries (sorted) and drops {@code :}-prefixed names and {@code host}; a request {@code :authority}
 * or {@code host} becomes the authority rewrite instead (route.go translateAppendHeaders / TranslateHeadersOperations).
 * A lone destination's operations join the route's level; with several destinations they form their own level,
 * applied before the route's. Headers here hold one value each, so an append joins values with ",".
 */
public final class HeaderEditor {
    private HeaderEditor() {}

    /** One HeaderParser: names to remove, then additions in order. */
    public record Level(List<String> remove, List<Addition> additions) {
        public static final Level NONE = new Level(List.of(), List.of());

        /** Nothing to remove or add: the headers pass through as they are. */
        public boolean isEmpty() { return remove.isEmpty() && additions.isEmpty(); }
    }

    public record Addition(String name, String value, boolean append) {}

    /** The level pilot builds from these blocks, in order (the route's, then a lone destination's). */
    public static Level level(HeaderOperations.Ops... blocks) {
        boolean none = true;
        for (HeaderOperations.Ops ops : blocks) none &= ops.isEmpty();
        if (none) return Level.NONE; // most routes edit no headers: nothing to build for each request
        List<String> remove = new ArrayList<>();
        List<Addition> additions = new ArrayList<>();
        for (HeaderOperations.Ops ops : blocks) {
            for (String name : ops.remove()) if (!internal(name)) remove.add(lower(name));
            ops.set().entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> !internal(e.getKey()))
                    .forEach(e -> additions.add(new Addition(lower(e.getKey()), e.getValue(), false)));
            ops.add().entrySet().stream().sorted(Map.Entry.comparingByKey()).filter(e -> !internal(e.getKey()))
                    .forEach(e -> additions.add(new Addition(lower(e.getKey()), e.getValue(), true)));
        }
        return new Level(List.copyOf(remove), List.copyOf(additions));
    }

    public static Map<String, String> apply(Level level, Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((k, v) -> out.put(lower(k), v));
        level.remove().forEach(out::remove);
        for (Addition a : level.additions()) {
            if (a.value().isEmpty()) continue;
            if (a.append()) out.merge(a.name(), a.value(), (old, added) -> old + "," + added);
            else out.put(a.name(), a.value());
        }
        return out;
    }

    public static Map<String, String> apply(HeaderOperations.Ops ops, Map<String, String> headers) {
        return apply(level(ops), headers);
    }

    /** The request with one level of edits applied; the request itself when the level has none (most routes edit no headers). */
    static MeshRequest apply(Level level, MeshRequest request) {
        return level.isEmpty() ? request : request.withHeaders(apply(level, request.headers()));
    }

    /** The authority a request {@code set} (preferred) or {@code add} of {@code :authority}/{@code host} asks for. */
    public static Optional<String> authority(HeaderOperations.Ops request) {
        Optional<String> set = authorityIn(request.set());
        return set.isPresent() ? set : authorityIn(request.add());
    }

    private static Optional<String> authorityIn(Map<String, String> entries) {
        String found = null;
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (e.getKey().equalsIgnoreCase(":authority") || e.getKey().equalsIgnoreCase("host")) found = e.getValue();
        }
        return Optional.ofNullable(found);
    }

    private static boolean internal(String name) { return name.startsWith(":") || name.equalsIgnoreCase("host"); }

    private static String lower(String name) { return name.toLowerCase(Locale.ROOT); }
}
