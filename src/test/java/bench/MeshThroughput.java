package bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import workbench.backend.PageClient;
import workbench.backend.embedded.EmbeddedBackend;
import workbench.bookinfo.Details;
import workbench.bookinfo.PodServer;
import workbench.bookinfo.ProductPage;
import workbench.bookinfo.Ratings;
import workbench.bookinfo.Reviews;
import workbench.manifest.Manifests;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshResponse;
import workbench.mesh.Outbound;
import workbench.mesh.Pod;
import workbench.mesh.Upstream;
import workbench.traffic.Observations;
import workbench.traffic.Probe;

/**
 * Requests per second through the embedded mesh (lesson 03's canary, every hop through an emulated
 * sidecar) against the same apps and HTTP hops wired directly, with no routing layer.
 * Run: bench/run (prints one line per measurement). Not a test: figures go into the closing note.
 */
public final class MeshThroughput {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path manifests = Path.of("manifests");

        try (EmbeddedBackend lesson = meshWith(manifests, manifests.resolve("reviews-destination-rule.yaml"), manifests.resolve("reviews-canary.yaml"));
             EmbeddedBackend realistic = meshWith(manifests, Path.of("src/test/resources/bench/realistic-rules.yaml"));
             Direct direct = new Direct()) {
            Rounds lessonRounds = new Rounds();
            Rounds realisticRounds = new Rounds();
            Rounds directRounds = new Rounds();
            for (int round = 0; round < rounds; round++) { // interleaved, so load on the machine hits all three alike
                lessonRounds.measure(lesson.productPage(), requests, concurrency);
                realisticRounds.measure(realistic.productPage(), requests, concurrency);
                directRounds.measure(direct.client(), requests, concurrency);
            }
            // the first half of the rounds warms the JIT up; report the median of the rest
            report("direct (no routing)", directRounds, directRounds);
            report("mesh, lesson 03 canary", lessonRounds, directRounds);
            report("mesh, realistic rules", realisticRounds, directRounds);
        }
    }

    private static EmbeddedBackend meshWith(Path manifests, Path... config) {
        EmbeddedBackend mesh = new EmbeddedBackend(1, "default");
        mesh.enableInjection();
        mesh.deploy(Manifests.load(manifests.resolve("bookinfo.yaml"), manifests.resolve("fortio.yaml")));
        mesh.apply(Manifests.load(config));
        return mesh;
    }

    /**
     * Pages per second, and the whole process' CPU time per page: on a shared machine the rate moves with other people's
     * load, the CPU a page costs much less.
     */
    private static final class Rounds {
        final List<Double> rates = new ArrayList<>();
        final List<Double> cpuMicrosPerPage = new ArrayList<>();

        void measure(PageClient client, int requests, int concurrency) {
            long cpuBefore = processCpuNanos();
            Observations o = Probe.bulk(client, "/productpage", Map.of(), requests, concurrency);
            long cpu = processCpuNanos() - cpuBefore;
            long ok = o.all().stream().filter(x -> x.status() == 200).count();
            if (ok != requests) throw new IllegalStateException(ok + " of " + requests + " succeeded");
            rates.add(o.requestsPerSecond());
            cpuMicrosPerPage.add(cpu / 1e3 / requests);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void report(String name, Rounds rounds, Rounds direct) {
        double m = median(steady(rounds.rates));
        double d = median(steady(direct.rates));
        double cpu = median(steady(rounds.cpuMicrosPerPage));
        double directCpu = median(steady(direct.cpuMicrosPerPage));
        System.out.printf(Locale.ROOT, "%-24s %6.0f req/s  (%.3f of direct, routing cost %.1f%%)  CPU %4.0f us/page (routing %.1f%% of it)  rounds %s%n",
                name + ":", m, m / d, 100 * (1 - m / d), cpu, 100 * (1 - directCpu / cpu), format(rounds.rates));
    }

    /** Bookinfo's apps on loopback, each call going straight to a fixed pod: same hops, no sidecar logic. */
    static final class Direct implements AutoCloseable {
        private final Upstream upstream = new Upstream();
        private final Map<String, Pod> byHost = new ConcurrentHashMap<>();
        private final List<PodServer> servers = new ArrayList<>();
        private int next; // alternate reviews v1/v3 80/20 deterministically: no random draw, no rule lookup

        Direct() throws IOException {
            start("details", new Details());
            start("ratings", new Ratings());
            start("reviews", Reviews.v1("reviews-v1-direct"));
            start("reviews-v3", Reviews.v3("reviews-v3-direct"));
            start("productpage", new ProductPage());
        }

        private void start(String host, workbench.bookinfo.App app) throws IOException {
            PodServer server = PodServer.start(app, this::send);
            servers.add(server);
            InetSocketAddress a = server.address();
            byHost.put(host, new Pod(host, "default", Map.of(), a));
        }

        private MeshResponse send(MeshRequest request, Duration timeout) throws IOException {
            String host = request.host();
            if (host.equals("reviews") && (next++ % 5 == 4)) host = "reviews-v3";
            return upstream.send(byHost.get(host), request, timeout);
        }

        PageClient client() {
            return (path, headers) -> {
                MeshResponse r = send(MeshRequest.get("http://productpage:9080" + path, headers), Duration.ofSeconds(30));
                return new PageClient.Page(r.status(), r.body());
            };
        }

        @Override
        public void close() {
            servers.forEach(PodServer::close);
            upstream.close();
        }
    }

    private static List<Double> steady(List<Double> rounds) { return rounds.subList(rounds.size() / 2, rounds.size()); }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(Double::compare);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static String format(List<Double> xs) {
        return xs.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
    }
}
