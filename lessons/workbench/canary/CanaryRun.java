package workbench.canary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import workbench.manifest.Document;
import workbench.backend.Backend;
import workbench.istio.Hosts;
import workbench.mesh.Pod;
import workbench.telemetry.Scrape;
import workbench.traffic.Observations;
import workbench.traffic.Probe;

/**
 * Runs a canary analysis on a backend: at each interval applies the step's VirtualService (through
 * {@link Backend#apply}, which on clusters waits until the sidecars have it), sends the interval's traffic, scrapes
 * the service's sidecars before and after, judges the difference, and lets the {@link CanaryStateMachine} decide.
 * At the end the final route (canary 100% or 0%) is applied the same way.
 */
public final class CanaryRun {
    private final Backend backend;
    private final CanarySpec spec;
    private final Judge judge;
    private final Criteria criteria;
    private final IntFunction<List<Document>> routeAt;

    /** {@code routeAt} gives the VirtualService documents that put the canary at a weight (see {@link CanaryRoute}). */
    public CanaryRun(Backend backend, CanarySpec spec, Criteria criteria, IntFunction<List<Document>> routeAt) {
        this.backend = backend;
        this.spec = spec;
        this.criteria = criteria;
        this.judge = new Judge(criteria);
        this.routeAt = routeAt;
    }

    /** Writes each weight's VirtualService into {@code dir} (as {@link CanaryRoute#write}) and applies it from there. */
    public CanaryRun(Backend backend, CanarySpec spec, Criteria criteria, Path dir) {
        this(backend, spec, criteria, weight -> CanaryRoute.write(dir, spec.service(), spec.stable(), spec.canary(), weight));
    }

    /**
     * Flagger's initialisation: the stable subset takes all of the service's traffic (the canary at weight 0), then serves
     * one interval's worth of pages, as a service under a canary has been serving for a while. The analysis then judges a
     * warm mesh, not a JVM's first requests, and the canary gets no traffic before its first step (with subsets alone,
     * Istio would spread these pages over every version). Returns what the warm-up's pages showed.
     */
    public Observations initialise() {
        backend.apply(routeAt.apply(0));
        return Probe.bulk(backend.productPage(), "/productpage", Map.of(), spec.requestsPerInterval(), spec.concurrency());
    }

    public CanaryReport run(Consumer<StepReport> onStep) {
        long start = System.nanoTime();
        CanaryStateMachine machine = new CanaryStateMachine(spec.steps(), spec.threshold());
        List<StepReport> steps = new ArrayList<>();
        int applied = -1;
        String routeFile = "";
        while (machine.phase() == Phase.PROGRESSING) {
            int weight = machine.canaryWeight();
            if (weight != applied) {
                List<Document> route = routeAt.apply(weight);
                backend.apply(route);
                routeFile = route.get(0).file().getFileName().toString();
                applied = weight;
            }
            Scrape before = scrape();
            List<PageTraffic.Timed> pages = PageTraffic.send(backend.productPage(), spec.requestsPerInterval(), spec.concurrency(), spec.interval());
            Interval measured = measure(scrape().since(before), pages);
            List<Gate> gates = judge.gates(measured);
            boolean passed = gates.stream().allMatch(Gate::passed);
            Decision decision = machine.checked(passed);
            StepReport report = new StepReport(steps.size() + 1, weight, pages.size(), measured, gates, decision,
                    machine.failedChecks(), routeFile);
            steps.add(report);
            onStep.accept(report);
        }
        int last = machine.canaryWeight();
        List<Document> finalRoute;
        finalRoute = routeAt.apply(last);
        backend.apply(finalRoute);
        return new CanaryReport(spec, criteria, steps, machine.phase(), last, finalRoute, (System.nanoTime() - start) / 1e9);
    }

    /** The service's pods with a sidecar, each read on its merged-metrics endpoint. */
    private Scrape scrape() {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Pod pod : backend.snapshot().registry().pods()) {
            if (pod.sidecar() && pod.app().equals(spec.service()) && pod.namespace().equals(backend.namespace())) {
                texts.put(pod.name(), backend.podMetrics(pod.name()));
            }
        }
        return Scrape.of(texts);
    }

    private Interval measure(Scrape window, List<PageTraffic.Timed> pages) {
        String fqdn = Hosts.fqdn(spec.service(), backend.namespace());
        Map<String, String> canary = Map.of("reporter", "destination", "destination_service", fqdn, "destination_version", spec.canary());
        Map<String, String> stable = Map.of("reporter", "destination", "destination_service", fqdn, "destination_version", spec.stable());
        return new Interval(
                (long) window.requests(canary), (long) window.requests(canary, CanaryRun::is5xx), window.durations(canary).quantile(0.99),
                (long) window.requests(stable), (long) window.requests(stable, CanaryRun::is5xx), window.durations(stable).quantile(0.99),
                latencies(pages, spec.canary()), latencies(pages, spec.stable()));
    }

    private static boolean is5xx(workbench.telemetry.Sample s) { return s.label("response_code").startsWith("5"); }

    /** Page times of the pages served by {@code version} of reviews (the page says which); other services have none. */
    private double[] latencies(List<PageTraffic.Timed> pages, String version) {
        if (!spec.service().equals("reviews")) return new double[0];
        return pages.stream().filter(t -> t.page().reviews().equals(version)).mapToDouble(PageTraffic.Timed::millis).toArray();
    }
}
