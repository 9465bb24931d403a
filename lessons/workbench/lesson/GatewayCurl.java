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
import workbench.istio.HttpMatch;
import workbench.istio.HttpRoute;
import workbench.istio.VirtualService;

/**
 * The reader's {@code curl} to the ingress gateway from their own machine, through {@code kubectl port-forward}.
 * The status each path should get is read from the VirtualServices the lesson bound to a Gateway: a path that one
 * of their rules matches by {@code uri} goes to its destination (200 from productpage), any other gets the
 * gateway's 404.
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

        List<VirtualService> bound = run.createdNewestFirst().stream().filter(d -> d.kind().equals("VirtualService"))
                .map(d -> VirtualService.read(d, run.backend().namespace())).filter(vs -> !vs.gateways().isEmpty()
                        && vs.gateways().stream().anyMatch(g -> !g.equals(VirtualService.MESH_GATEWAY))).toList();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        List<String> printed = new ArrayList<>();
        for (String path : paths) {
            int status = get(client, base.resolve(path));
            printed.add(Integer.toString(status));
            int expected = routed(bound, path) ? 200 : 404;
            run.check(run.t(path + " は " + expected + "(" + (expected == 200 ? "Gateway に結び付いた VirtualService が productpage に送る" : "どのルールにも当てはまらない") + ")",
                            path + " answers " + expected + " (" + (expected == 200 ? "a VirtualService bound to the Gateway routes it" : "no rule matches it") + ")"),
                    status == expected, Integer.toString(status));
        }
        run.article().output(run.t("出力(観測)", "Output (observed)"), printed);
    }

    /** Whether a rule of a gateway-bound VirtualService matches the path by uri (the lesson's manifests match by uri only). */
    static boolean routed(List<VirtualService> bound, String path) {
        for (VirtualService vs : bound) {
            for (HttpRoute rule : vs.http()) {
                if (rule.match().isEmpty()) return true;
                for (HttpMatch m : rule.match()) {
                    if (m.uri().map(u -> u.test(path, m.ignoreUriCase())).orElse(true)) return true;
                }
            }
        }
        return false;
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
