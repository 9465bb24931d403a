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
            int expected = expectedStatus(mesh, gatewayPod, path);
            run.check(run.t(path + " は " + expected + "(" + (expected == 200 ? "Gateway に結び付いた VirtualService が productpage に送る" : "どのルールにも当てはまらない") + ")",
                            path + " answers " + expected + " (" + (expected == 200 ? "a VirtualService bound to the Gateway routes it" : "no rule matches it") + ")"),
                    status == expected, Integer.toString(status));
        }
        run.article().output(run.t("出力(観測)", "Output (observed)"), printed);
    }

    /**
     * What the gateway does with {@code path} on port 80: forwarded to the app (productpage answers 200), or the
     * status of the gateway's own reply (404 when nothing binds the path). The draw only picks among weighted
     * destinations, which all forward.
     */
    static int expectedStatus(MeshSnapshot mesh, Pod gatewayPod, String path) {
        RouteDecision decision = GatewayRouter.route(mesh.config(), mesh.gateways(), mesh.registry(), gatewayPod, 80,
                new MeshRequest("GET", "localhost", path, java.util.Map.of(), ""), new java.util.SplittableRandom(0));
        return decision instanceof RouteDecision.LocalReply reply ? reply.response().status() : 200;
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
