package workbench.lesson;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import workbench.article.Bilingual;
import workbench.kube.ImageRef;
import workbench.kube.KubectlOutput;

/**
 * {@code kubectl exec CLIENT -- curl -sI http://SERVER}, filtered as the reader filters it, and what the headers must
 * say given the pods as they are: with an istio-proxy on either end, Envoy's HTTP connection manager overwrites
 * {@code server} with its server_name, "envoy" by default (Envoy docs, HTTP header manipulation: server; Istio sets
 * "istio-envoy" only on gateways, pilot/pkg/networking/core EnvoyServerName), and its router adds
 * {@code x-envoy-upstream-service-time} to the upstream response (Envoy docs, router filter headers). Without one,
 * nginx answers itself, naming the release its image tag pins.
 */
record CurlHeaders(Bilingual words, String client, String server) implements Step {
    /** The reader's grep; the pipe runs on the reader's machine, so the workbench filters the same way here. */
    static final String GREP = "^HTTP|^[Ss]erver:|^x-envoy-upstream-service-time:";
    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    private static final String PROXY = "istio-proxy";

    @Override
    public void run(LessonRun run) {
        String url = "http://" + server;
        run.article().section(run.words(words));
        run.article().commands(run.t("実行するコマンド", "Commands"), List.of(
                "kubectl exec -n " + run.backend().namespace() + " " + client + " -- curl -sI " + url + " | grep -E \"" + GREP + "\""));
        String printed = run.backend().exec(client, client, List.of("curl", "-sI", url));
        Pattern grep = Pattern.compile(GREP);
        List<String> lines = printed.lines().map(String::strip).filter(l -> grep.matcher(l).find()).toList();
        run.article().output(run.t("出力(観測)", "Output (observed)"), lines.isEmpty() ? List.of(run.t("(出力なし)", "(no output)")) : lines);

        boolean proxied = hasProxy(run, client) || hasProxy(run, server);
        Optional<String> serverHeader = header(lines, "server");
        Optional<String> serviceTime = header(lines, "x-envoy-upstream-service-time");
        String expected = proxied ? "envoy" : "nginx/" + release(run).orElse("…");
        boolean serverAsExpected = serverHeader.map(v -> proxied || release(run).isPresent() ? v.equals(expected) : v.startsWith("nginx/"))
                .orElse(false);
        String path = proxied ? run.t("経路に istio-proxy あり", "an istio-proxy on the path") : run.t("経路に istio-proxy なし", "no istio-proxy on the path");
        run.check(run.t("server ヘッダーが " + expected + "(" + path + ")", "the server header reads " + expected + " (" + path + ")"),
                serverAsExpected, "server: " + serverHeader.orElse("(none)"));
        run.check(proxied ? run.t("x-envoy-upstream-service-time が付いている", "x-envoy-upstream-service-time is present")
                        : run.t("x-envoy-upstream-service-time が付いていない", "x-envoy-upstream-service-time is absent"),
                serviceTime.isPresent() == proxied, serviceTime.map(v -> "x-envoy-upstream-service-time: " + v).orElse(run.t("(なし)", "(none)")));
    }

    private static boolean hasProxy(LessonRun run, String pod) {
        return run.backend().podObject(pod)
                .map(o -> !KubectlOutput.jsonpath("{.spec.initContainers[?(@.name==\"" + PROXY + "\")].name}", o).isEmpty()
                        || !KubectlOutput.jsonpath("{.spec.containers[?(@.name==\"" + PROXY + "\")].name}", o).isEmpty())
                .orElse(false);
    }

    /** The nginx release the server pod's image tag pins, when the tag is a full release number. */
    private Optional<String> release(LessonRun run) {
        return run.backend().podObject(server)
                .map(o -> KubectlOutput.jsonpath("{.spec.containers[0].image}", o))
                .flatMap(ImageRef::tag)
                .filter(tag -> RELEASE.matcher(tag).matches());
    }

    private static Optional<String> header(List<String> lines, String name) {
        Pattern p = Pattern.compile("(?i)^" + Pattern.quote(name) + ":\\s*(.*)$");
        for (String line : lines) {
            Matcher m = p.matcher(line);
            if (m.matches()) return Optional.of(m.group(1).strip());
        }
        return Optional.empty();
    }
}
