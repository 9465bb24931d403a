package workbench.istio;

import workbench.manifest.Field;

/**
 * One weighted destination of a route. {@code weight} is null when the manifest leaves it out:
 * Istio then gives a lone destination all the traffic. {@code headers} are this destination's own edits.
 */
public record RouteDestination(Destination destination, Integer weight, String path, HeaderOperations headers) {

    public RouteDestination(Destination destination, Integer weight, String path) {
        this(destination, weight, path, HeaderOperations.NONE);
    }

    static RouteDestination read(Field f) {
        Destination d = Destination.read(f.required("destination"));
        Integer weight = f.has("weight") ? (int) f.get("weight").integer() : null;
        return new RouteDestination(d, weight, f.path(), HeaderOperations.read(f.get("headers")));
    }

    /** The weight Envoy uses: a lone destination takes everything; otherwise an unset weight counts as 0. */
    public int effectiveWeight(int destinationsInRoute) {
        if (destinationsInRoute == 1) return 100; // a lone destination takes everything, whatever its weight says
        return weight == null ? 0 : Math.max(0, weight);
    }
}
