///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds*=off -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//CDS
//SOURCES workbench/**.java

import static workbench.article.Passage.en;
import static workbench.article.Passage.ja;

import java.util.List;
import workbench.lesson.Lesson;

/**
 * 第 1 回: サイドカー注入。注入なしで nginx と curl の Pod を動かし、名前空間にラベルを付け、
 * Pod を作り直して istio-proxy が加わる様子と、応答の server ヘッダーが nginx から envoy に変わる様子を確かめる。
 */
public class Lesson01SidecarInjection {

    public static void main(String... args) {
        lesson().run(args);
    }

    public static Lesson lesson() {
        return Lesson.titled("lesson01",
            ja("Istio ハンズオン 01: サイドカー注入", """
                Istio のサービスメッシュでは、アプリの Pod の隣に Envoy プロキシ(istio-proxy)が入り、
                Pod に出入りする通信はすべてこのプロキシを通ります。プロキシを入れるのは Istio の注入 Webhook で、
                どの Pod に入れるかは名前空間のラベルで決まります。
                この回では、まず注入なしで nginx と curl の Pod を動かし、ラベルを付けてから Pod を作り直し、
                何が変わるかを自分の目で確かめます。記事中の出力はすべて、このレッスンを実行して観測したものです。"""),
            en("Istio hands-on 01: sidecar injection", """
                In an Istio service mesh, an Envoy proxy (istio-proxy) runs beside the application in each pod, and every
                connection into or out of the pod passes through it. Istio's injection webhook puts the proxy there, and a
                label on the namespace decides which pods get one.
                In this lesson you run an nginx pod and a curl pod without injection, label the namespace, recreate the pods,
                and see for yourself what changes. Every output shown here was observed while this lesson ran."""))

            .runPods(List.of("nginx-pod.yaml", "nginx-service.yaml", "curl-pod.yaml"),
                ja("注入なしで nginx と curl を動かす", """
                    `kubectl run` で nginx の Pod を、`kubectl expose` でその Service を作ります。
                    もう一つ、リクエストを送る側として curl の Pod を作ります。curl の Pod は `sleep infinity` で待機させておき、
                    あとから `kubectl exec` でコマンドを実行します。
                    名前空間にはまだ注入のラベルがないので、どちらの Pod もコンテナは 1 つ、READY は `1/1` になるはずです。"""),
                en("Run nginx and curl without injection", """
                    Create an nginx pod with `kubectl run` and its Service with `kubectl expose`.
                    Then create a curl pod to send requests from; it idles on `sleep infinity`, and you run commands in it later
                    with `kubectl exec`.
                    The namespace has no injection label yet, so each pod should have one container: READY `1/1`."""))

            .curlHeaders("curl", "nginx",
                ja("curl で nginx の応答ヘッダーを見る", """
                    curl の Pod から nginx に HEAD リクエストを送り、ステータス行と `Server` ヘッダーだけを grep で取り出します。
                    まだプロキシはどこにもないので、応答するのは nginx 自身です。`Server` にはイメージのタグが指す nginx のバージョンが出ます。"""),
                en("Look at nginx's response headers with curl", """
                    From the curl pod, send a HEAD request to nginx and grep out the status line and the `Server` header.
                    There is no proxy anywhere yet, so nginx answers itself: `Server` names the nginx release the image tag pins."""))

            .summary("nginx と curl の Pod を、名前空間に istio-injection=enabled を付ける前と後で作り、注入されたサイドカーを READY・コンテナ・Server ヘッダーで確かめる。",
                "nginx and curl pods created before and after labelling the namespace istio-injection=enabled: the injected sidecar seen in READY, the containers and the Server header.")

            .enableInjectionWhilePodsRun(
                ja("名前空間に注入のラベルを付ける", """
                    名前空間に `istio-injection=enabled` を付けます。これで、この名前空間に *これから作られる* Pod には
                    注入 Webhook が istio-proxy を加えます。
                    Webhook が Pod に手を入れるのは Pod が作られる瞬間だけなので、すでに動いている Pod はそのままです。
                    ラベルを付ける前と後で、Pod の uid・コンテナ・READY を比べて確かめます。"""),
                en("Label the namespace for injection", """
                    Label the namespace `istio-injection=enabled`. From now on, the injection webhook adds istio-proxy to every pod
                    *created* in this namespace.
                    The webhook only touches a pod at the moment it is created, so the pods already running stay as they are.
                    The lesson compares each pod's uid, containers and READY before and after the label to make sure."""))

            .recreatePods(List.of("nginx-pod.yaml", "curl-pod.yaml"),
                ja("Pod を作り直す", """
                    サイドカーを入れるには Pod を作り直します。両方の Pod を削除し、同じコマンドでもう一度作ります。
                    今度は Webhook が istio-proxy を加えるので、READY は `2/2` になるはずです。
                    Service はラベルで Pod を選ぶので、作り直す必要はありません。"""),
                en("Recreate the pods", """
                    To get a sidecar, a pod has to be created again. Delete both pods and create them with the same commands.
                    This time the webhook adds istio-proxy, so READY should read `2/2`.
                    The Service picks its pods by label, so it needs no change."""))

            .showContainers("nginx-pod.yaml", "nginx",
                ja("注入されたコンテナを見る", """
                    nginx の Pod に何が加わったかを `custom-columns` と `jsonpath` で見ます。
                    Istio 1.28 は、すべてのノードが Kubernetes 1.33 以上なら istio-proxy を *ネイティブサイドカー* として入れます。
                    ネイティブサイドカーは `restartPolicy: Always` の付いた init コンテナで、アプリのコンテナより先に起動し、
                    アプリが終わるまで動き続けます。`containers` のほうはマニフェストに書いた nginx だけのままです。
                    init コンテナに `istio-init` も見えるのは、Istio CNI を使わない構成で、iptables の転送設定をこのコンテナが行うからです。"""),
                en("Look at the injected containers", """
                    See what was added to the nginx pod, with `custom-columns` and `jsonpath`.
                    When every node runs Kubernetes 1.33 or newer, Istio 1.28 injects istio-proxy as a *native sidecar*:
                    an init container with `restartPolicy: Always`, which starts before the application's containers and keeps
                    running until they finish. `containers` still holds only the nginx container the manifest wrote.
                    An `istio-init` init container shows up as well when Istio runs without its CNI plugin: it sets up the
                    iptables redirection into the proxy."""))

            .curlHeaders("curl", "nginx",
                ja("同じ curl をもう一度", """
                    最初と同じコマンドを実行します。今度は curl の送信も nginx の受信も istio-proxy を通るので、
                    応答ヘッダーは Envoy が書き換えたものになります。`server` は `envoy` になり、
                    Envoy が上流(nginx)の応答にかかった時間を `x-envoy-upstream-service-time`(ミリ秒)で付け加えます。
                    ヘッダー名が小文字になっているのも、Envoy が HTTP/1.1 のヘッダー名を小文字で書き出すためです。"""),
                en("The same curl again", """
                    Run the very same command. Now the request leaves through curl's istio-proxy and arrives through nginx's, so the
                    response headers are the ones Envoy rewrote: `server` now reads `envoy`, and Envoy adds
                    `x-envoy-upstream-service-time`, the milliseconds the upstream (nginx) took.
                    The header names are in lower case too: Envoy writes HTTP/1.1 header names that way."""))

            .cleanup(
                ja("後片付け", """
                    作った Pod と Service を削除し、何も残っていないことを確かめます。"""),
                en("Clean up", """
                    Delete the pods and the Service the lesson created, and check that nothing is left."""))

            .explain(
                ja("まとめ", """
                    * サイドカーを入れるのは Istio の注入 Webhook で、対象は `istio-injection=enabled` の名前空間で作られる Pod。
                    * Webhook が働くのは Pod が作られるときだけ。ラベルを付けたら Pod を作り直す。
                    * Istio 1.28 と Kubernetes 1.33 以上では、istio-proxy は `restartPolicy: Always` の init コンテナ(ネイティブサイドカー)。
                    * プロキシを通った応答は `server: envoy` と `x-envoy-upstream-service-time` で見分けられる。

                    次の回(lesson02)では、サイドカーが集めるメトリクスとトレースを使って、メッシュの中を観察します。"""),
                en("Summary", """
                    * Istio's injection webhook adds the sidecar, to pods created in a namespace labelled `istio-injection=enabled`.
                    * The webhook acts only when a pod is created: after labelling, recreate the pods.
                    * With Istio 1.28 on Kubernetes 1.33 or newer, istio-proxy is an init container with `restartPolicy: Always` (a native sidecar).
                    * A response that passed through the proxy shows `server: envoy` and `x-envoy-upstream-service-time`.

                    The next lesson (lesson02) looks inside the mesh with the metrics and traces the sidecars collect."""));
    }
}
