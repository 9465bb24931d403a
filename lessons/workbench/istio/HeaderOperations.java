package workbench.istio;

import java.util.List;
import java.util.Map;
import workbench.manifest.Field;

/** Istio's {@code headers}: set/add/remove on the request and on the response, written per route or per destination. */
public record HeaderOperations(Ops request, Ops response) {

    /** One direction's edits, in the manifest's order. */
    public record Ops(Map<String, String> set, Map<String, String> add, List<String> remove) {
        public static final Ops NONE = new Ops(Map.of(), Map.of(), List.of());

        static Ops read(Field f) {
            if (!f.isPresent()) return NONE;
            return new Ops(f.stringMap("set"), f.stringMap("add"), f.list("remove", Field::text));
        }

        public boolean isEmpty() { return set.isEmpty() && add.isEmpty() && remove.isEmpty(); }
    }

    public static final HeaderOperations NONE = new HeaderOperations(Ops.NONE, Ops.NONE);

    static HeaderOperations read(Field f) {
        if (!f.isPresent()) return NONE;
        return new HeaderOperations(Ops.read(f.get("request")), Ops.read(f.get("response")));
    }

    public boolean isEmpty() { return request.isEmpty() && response.isEmpty(); }
}
