package bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.canary.CanaryReport;
import workbench.canary.CanaryRun;
import workbench.canary.CanarySpec;
import workbench.canary.CompareTests;
import workbench.canary.Criteria;
import workbench.manifest.Manifests;

/**
 * The canary analysis' figures: wall time of a full 4-step analysis (10 → 20 → 50 → promote to 100) on the embedded
 * mesh, warm, with lesson 03's interval of 100 requests; and, by simulation, the requests per interval each gate needs
 * to catch a stated degradation at 10% canary weight with power 0.9 at its false-alarm rate.
 * Run: bench/run. Not a test: figures go into the closing note.
 */
public final class CanaryBench {
    private static final int WEIGHT = 10;
    private static final double POWER = 0.9;
    private static final int SIMULATIONS = 2000;

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        wallTime(runs);
        requestsForPower();
    }

    private static void wallTime(int runs) throws Exception {
        Path routes = Files.createTempDirectory("canary-bench");
        CanarySpec spec = new CanarySpec("reviews", "v1", "v3", List.of(10, 20, 50), 2, 100, 4);
        try (EmbeddedBackend backend = new EmbeddedBackend(1, "default")) {
            backend.enableInjection();
            backend.deploy(Manifests.load(Path.of("manifests/bookinfo.yaml"), Path.of("manifests/fortio.yaml")));
            backend.apply(Manifests.load(Path.of("manifests/reviews-destination-rule.yaml")));
            List<Double> seconds = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                backend.apply(Manifests.load(Path.of("manifests/reviews-v1-only.yaml")));
                CanaryReport r = new CanaryRun(backend, spec, Criteria.of(99, 500), routes).run(s -> { });
                if (!r.promoted()) System.out.println("run " + i + ": not promoted (" + r.phase().label() + ")");
                if (i == 0) continue; // warm-up
                seconds.add(r.seconds());
                System.out.printf(Locale.ROOT, "4-step analysis run %d: %.2f s (%d intervals of 100 requests)%n", i, r.seconds(), r.steps().size());
            }
            seconds.sort(Double::compare);
            System.out.printf(Locale.ROOT, "median %.2f s over %d warm runs%n", seconds.get(seconds.size() / 2), runs);
        }
    }

    private static void requestsForPower() {
        double alpha = Criteria.DEFAULT_ALPHA;
        System.out.printf(Locale.ROOT, "== requests per interval for power %.1f at canary weight %d%% (%d simulations per size)%n", POWER, WEIGHT, SIMULATIONS);
        report("success-rate gate (≥ 99%): canary 5% errors", n -> {
            SplittableRandom r = new SplittableRandom(n);
            return simulate(r, rr -> {
                int canary = binomial(rr, n, WEIGHT / 100.0);
                if (canary == 0) return true; // no data fails the check
                int errors = binomial(rr, canary, 0.05);
                return 100.0 * (canary - errors) / canary < 99;
            });
        });
        report("errors vs stable (Fisher, α=" + alpha + "): canary 5% vs stable 0.5% errors", n -> {
            SplittableRandom r = new SplittableRandom(n);
            return simulate(r, rr -> {
                int canary = binomial(rr, n, WEIGHT / 100.0);
                int ce = binomial(rr, canary, 0.05);
                int se = binomial(rr, n - canary, 0.005);
                return CompareTests.fisherCanaryWorse(ce, canary, se, n - canary) < alpha;
            });
        });
        report("latency vs stable (Mann–Whitney, α=" + alpha + "): canary median +150 ms over a ~10 ms stable", n -> {
            SplittableRandom r = new SplittableRandom(n);
            return simulate(r, rr -> {
                int canary = binomial(rr, n, WEIGHT / 100.0);
                return CompareTests.mannWhitneyCanarySlower(latencies(rr, canary, 150), latencies(rr, n - canary, 0)) < alpha;
            });
        });
    }

    private static void report(String what, java.util.function.IntToDoubleFunction power) {
        int high = 25;
        while (high <= 25_600 && power.applyAsDouble(high) < POWER) high *= 2;
        if (high > 25_600) {
            System.out.println(what + ": more than 25,600 requests");
            return;
        }
        int low = high / 2; // doubling found the bracket; bisect it to within 5%
        while (high - low > Math.max(5, high / 20)) {
            int mid = (low + high) / 2;
            if (power.applyAsDouble(mid) >= POWER) high = mid; else low = mid;
        }
        System.out.printf(Locale.ROOT, "%s: %d requests (power %.3f; canary gets ~%d)%n", what, high, power.applyAsDouble(high), high * WEIGHT / 100);
    }

    private static double simulate(SplittableRandom r, java.util.function.Predicate<SplittableRandom> detected) {
        int hits = 0;
        for (int i = 0; i < SIMULATIONS; i++) if (detected.test(r)) hits++;
        return hits / (double) SIMULATIONS;
    }

    private static double[] latencies(SplittableRandom r, int n, double shift) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double g = Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
            out[i] = shift + 10 * Math.exp(0.5 * g);
        }
        return out;
    }

    private static int binomial(SplittableRandom r, int n, double p) {
        int k = 0;
        for (int i = 0; i < n; i++) if (r.nextDouble() < p) k++;
        return k;
    }
}
