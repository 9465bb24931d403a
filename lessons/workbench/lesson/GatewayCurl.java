package workbench.lesson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import workbench.article.Bilingual;
import workbench.mesh.GatewayRouter;
import workbench.mesh.MeshRequest;
import workbench.mesh.MeshSnapshot;
import workbench.mesh.Pod;
import workbench.mesh.RouteDecision;

/**
 * The reader's {@code curl} to the ingress gateway from their own machine, through {@code kubectl port-forward}.
 * The status each path should get comes from the gateway's own routing decision ({@link GatewayRouter}) on the
 * Gateways and VirtualServices in force: a path a bound rule forwards gets productpage's 200, any other the
 * gateway's own reply (404 when nothing binds it).
 */
record GatewayCurl(Bilingual words, List<String> paths) implements Step {

    @Override
    public void run(LessonRun run) {
        run.article().section(run.words(words));
        URI base = run.backend().ingressGateway();
        List<String> commands = new ArrayList<>();
        commands.add("kubectl port-forward -n istio-system svc/istio-ingressgateway " + base.getPort() + ":80 &");
        for (String p : paths) commands.add("curl -s -o /dev/null -w '%{http_code}\\n' " + base + p);
        run.article().commands(run.t("実行するコマンド(読者のマシンで)", "Commands (on the reader's machine)"), commands);
        if (base.getPort() != 8080) {
            run.say(run.t("! 8080 番が使用中のため、ゲートウェイは " + base + " で待ち受けています", "! port 8080 is taken; the gateway listens on " + base));
        }

        // the status each path should get is the ingress gateway's own routing decision on the mesh as it stands
        MeshSnapshot mesh = run.backend().snapshot();
        Pod gatewayPod = new Pod("istio-ingressgateway", "istio-system", GatewayRouter.INGRESS_GATEWAY_LABELS, null, true);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> printed = new ArrayList<>();
        for (String path : paths) {
            int status = get(client, base.resolve(path));
            printed.add(Integer.toString(status));
            Expected expected = Expected.of(mesh, gatewayPod, path);
            String statuses = String.join(" / ", expected.statuses().stream().map(String::valueOf).toList());
            run.check(run.t(path + " は " + statuses + "(" + expected.why(true) + ")", path + " answers " + statuses + " (" + expected.why(false) + ")"),
                    expected.statuses().contains(status), Integer.toString(status));
        }
        run.article().output(run.t("出力(観測)", "Output (observed)"), printed);
    }

    /**
     * What the gateway may answer for {@code path} on port 80, by its own routing decision: productpage's 200 when it
     * forwards, else the status of its own reply (404 NR when nothing binds the path; a redirect, direct response or fault
     * abort of the rule it selected). The decision draws (weights, fault percentages), so it is asked under
     * {@link #DRAWS} seeds and every status it can give is accepted; {@code reasons} say why, in Envoy's terms.
     */
    record Expected(java.util.SortedSet<Integer> statuses, java.util.SortedSet<String> reasons) {
        static final int DRAWS = 64;

        static Expected of(MeshSnapshot mesh, Pod gatewayPod, String path) {
            java.util.SortedSet<Integer> statuses = new java.util.TreeSet<>();
            java.util.SortedSet<String> reasons = new java.util.TreeSet<>();
            for (int seed = 0; seed < DRAWS; seed++) {
                RouteDecision decision = GatewayRouter.route(mesh.config(), mesh.gateways(), mesh.registry(), gatewayPod, 80,
                        new MeshRequest("GET", "localhost", path, java.util.Map.of(), ""), new java.util.SplittableRandom(seed));
                if (decision instanceof RouteDecision.LocalReply reply) {
                    statuses.add(reply.response().status());
                    reasons.add(reply.reason());
                } else {
                    statuses.add(200);
                    reasons.add(FORWARDED);
                }
            }
            return new Expected(statuses, reasons);
        }

        private static final String FORWARDED = "forwarded";

        /** Why, for the check's label: the two everyday cases in the reader's words, anything else in Envoy's. */
        String why(boolean japanese) {
            if (reasons.equals(java.util.Set.of(FORWARDED))) {
                return japanese ? "Gateway に結び付いた VirtualService が productpage に送る" : "a VirtualService bound to the Gateway routes it";
            }
            if (reasons.size() == 1 && reasons.first().startsWith("NR ")) return japanese ? "どのルールにも当てはまらない" : "no rule matches it";
            return String.join("; ", reasons.stream().map(r -> r.equals(FORWARDED) ? (japanese ? "転送" : "forwarded") : r).toList());
        }
    }

    private static int get(HttpClient client, URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

}
