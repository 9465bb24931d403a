package workbench.istio;

import java.util.OptionalInt;
import workbench.manifest.Field;

/** Where a route sends traffic: a service host, optionally one of its DestinationRule subsets and a port. */
public record Destination(String host, String subset, OptionalInt port) {

    static Destination read(Field f) {
        String host = f.text("host");
        String subset = f.optText("subset").orElse("");
        OptionalInt port = f.get("port").has("number")
                ? OptionalInt.of((int) f.get("port").required("number").integer())
                : OptionalInt.empty();
        return new Destination(host, subset, port);
    }

    public boolean hasSubset() { return !subset.isEmpty(); }

    @Override
    public String toString() { return hasSubset() ? host + "/" + subset : host; }
}
