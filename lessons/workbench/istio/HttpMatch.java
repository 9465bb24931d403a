package workbench.istio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import workbench.manifest.Field;
import workbench.mesh.MeshRequest;

/** One match block of an HTTP route; every condition inside it must hold (AND). */
public record HttpMatch(Optional<StringMatch> uri, Map<String, StringMatch> headers, boolean ignoreUriCase) {

    static HttpMatch read(Field f) {
        Optional<StringMatch> uri = f.has("uri") ? Optional.of(StringMatch.read(f.get("uri"))) : Optional.empty();
        Map<String, StringMatch> headers = new LinkedHashMap<>();
        f.entries("headers").forEach((name, match) -> headers.put(name.toLowerCase(), StringMatch.read(match)));
        boolean ignoreCase = f.has("ignoreUriCase") && f.get("ignoreUriCase").bool();
        return new HttpMatch(uri, headers, ignoreCase);
    }

    public boolean test(MeshRequest request) {
        if (uri.isPresent() && !uri.get().test(request.pathWithoutQuery(), ignoreUriCase)) return false;
        for (var h : headers.entrySet()) {
            if (!h.getValue().test(request.header(h.getKey()), false)) return false;
        }
        return true;
    }
}
