///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds*=off -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//CDS
//SOURCES workbench/**.java

import static workbench.article.Passage.en;
import static workbench.article.Passage.ja;

import java.util.List;
import workbench.fortio.Load;
import workbench.lesson.Lesson;

/**
 * 第 4 回: httpbin の DestinationRule で接続数に上限を設け、fortio で負荷をかけてサーキットブレーカーを働かせ、
 * fortio 側のサイドカーの統計で裏付ける。各ステップは記事の一節と、その節で行う一つの操作。
 */
public class Lesson04CircuitBreakingAndGateway {
    static final String HTTPBIN = "http://httpbin:8000/get";

    public static void main(String... args) {
        lesson().run(args);
    }

    public static Lesson lesson() {
        return Lesson.titled("lesson04",
            ja("Istio ハンズオン 04: サーキットブレーカーと Ingress Gateway", """
                サービスが処理しきれないほどのリクエストを受けると、待ち行列が伸び、応答が遅れ、呼び出し元まで巻き込んで止まってしまいます。
                Istio では DestinationRule に接続数と待ち行列の上限を書くだけで、あふれた分を呼び出し側のサイドカーがすぐに断るようになります。
                この回では httpbin に小さな上限を設定し、fortio で同時に呼び出して、どこで断られるのかを確かめます。
                後半では Ingress Gateway を置いて、メッシュの外から Bookinfo を呼びます。
                記事中の出力はすべて、このレッスンを実際に実行して観測したものです。"""),
            en("Istio hands-on 04: circuit breaking and the ingress gateway", """
                A service that receives more requests than it can handle builds up a queue, answers late,
                and drags its callers down with it.
                In Istio, a DestinationRule with limits on connections and waiting requests is enough:
                the caller's sidecar then turns away whatever does not fit, at once.
                In this lesson you put tight limits on httpbin, call it concurrently with fortio, and see where requests are turned away.
                In the second half you put an ingress gateway in front of Bookinfo and call it from outside the mesh.
                Every output shown here was observed while this lesson ran."""))

            .summary("httpbin の DestinationRule で接続数を 1 に絞り、fortio の負荷であふれた 503 をサイドカーの統計と突き合わせる。続いて Ingress Gateway から Bookinfo に入る。",
                "Limit httpbin to one connection with a DestinationRule, match the 503s of fortio's load against the sidecar's stats, then enter Bookinfo through the ingress gateway.")

            .explain(
                ja("サーキットブレーカーの二つの仕組み", """
                    DestinationRule の `trafficPolicy` には、負荷から守るための設定が二つあります。

                    * `connectionPool`: 呼び出し側のサイドカー(Envoy)が、宛先に対して同時に使う接続の数と、接続が空くのを待つリクエストの数に上限を設けます。
                      上限を超えたリクエストは宛先に届かず、サイドカーがその場で 503 を返します。
                    * `outlierDetection`: 5xx を続けて返した Pod を、しばらく送り先の候補から外します(イジェクション)。

                    上限はサイドカーごとに数えます。fortio の Pod から呼べば、上限を持つのは fortio の Pod のサイドカーです。
                    断ったことは、そのサイドカーの統計(`upstream_rq_pending_overflow`)とアクセスログの応答フラグ `UO` に残ります。"""),
                en("The two parts of a circuit breaker", """
                    A DestinationRule's `trafficPolicy` has two settings that protect a service from overload.

                    * `connectionPool`: the caller's sidecar (Envoy) limits how many connections it opens to the destination at once,
                      and how many requests may wait for a connection to free up.
                      A request beyond those limits never reaches the destination: the sidecar answers 503 on the spot.
                    * `outlierDetection`: a pod that keeps answering 5xx is taken out of the pool of destinations for a while (ejection).

                    The limits are counted per sidecar. When fortio's pod makes the calls, the limits live in fortio's sidecar.
                    Each refusal leaves a trace there: in its statistics (`upstream_rq_pending_overflow`) and as response flag `UO` in its access log."""))

            .enableInjection(
                ja("名前空間でサイドカー注入を有効にする", """
                    ラベル `istio-injection=enabled` を付けた名前空間では、これから作る Pod にサイドカーが入ります。
                    サーキットブレーカーは呼び出し側のサイドカーで働くので、fortio にもサイドカーが必要です。"""),
                en("Turn on sidecar injection for the namespace", """
                    In a namespace labelled `istio-injection=enabled`, pods created from now on get a sidecar.
                    The circuit breaker works in the caller's sidecar, so fortio needs one too."""))

            .deploy(List.of("bookinfo.yaml", "httpbin.yaml", "fortio.yaml"),
                ja("Bookinfo・httpbin・fortio をデプロイする", """
                    サーキットブレーカーの相手として httpbin を、呼ぶ側として負荷試験ツールの fortio をデプロイします。
                    後半の Ingress Gateway の回で使う Bookinfo も、ここでまとめてデプロイしておきます。
                    どの Pod も READY が `2/2`(アプリと istio-proxy)になれば準備完了です。"""),
                en("Deploy Bookinfo, httpbin and fortio", """
                    Deploy httpbin, the service the circuit breaker protects, and fortio, the load-testing client that calls it.
                    Deploy Bookinfo as well: the second half of the lesson puts it behind the ingress gateway.
                    Each pod is ready when READY shows `2/2`: the application and istio-proxy."""))

            .apply("httpbin-circuit-breaker.yaml",
                ja("httpbin に接続数の上限を設定する", """
                    httpbin 宛ての接続は同時に 1 本まで(`maxConnections: 1`)、接続の空きを待てるリクエストは 1 つまで
                    (`http1MaxPendingRequests: 1`)、1 本の接続で送るリクエストは 1 つまで(`maxRequestsPerConnection: 1`)にします。
                    あわせて、5xx を 1 回返した Pod を 30 秒外す `outlierDetection` も設定します。
                    Istio の公式タスクでは `baseEjectionTime` が 3m ですが、このシリーズでは 30s を使います。"""),
                en("Put connection limits on httpbin", """
                    Allow one connection to httpbin at a time (`maxConnections: 1`), one request waiting for it
                    (`http1MaxPendingRequests: 1`), and one request per connection (`maxRequestsPerConnection: 1`).
                    The same rule sets `outlierDetection`: a pod that answers one 5xx is taken out for 30 seconds.
                    Istio's own task uses a `baseEjectionTime` of 3m; this series uses 30s."""))

            .fortioCurl(HTTPBIN,
                ja("まず 1 回だけ呼ぶ", """
                    上限を設定しても、1 回ずつ呼ぶ分には何も変わりません。fortio から httpbin を 1 回呼び、200 が返ることを確かめます。"""),
                en("One call first", """
                    Limits change nothing for calls made one at a time. Call httpbin once from fortio and see it answer 200."""))

            .fortioLoad(Load.calls(3, 0, 20, HTTPBIN),
                ja("3 本の接続で一斉に呼ぶ", """
                    fortio で 3 本の接続(`-c 3`)から、待ち時間なし(`-qps 0`)で合計 20 回(`-n 20`)呼びます。
                    接続 1 本と待ち 1 つの枠に 3 つのリクエストが同時に来るので、あふれた分はサイドカーが 503 で断ります。
                    `Code 200` と `Code 503` の行が、それぞれ何回だったかを示します。
                    何回断られるかはタイミング次第なので、ここでは回数そのものではなく、合計が 20 回になること、
                    503 の数がサイドカーの数えた回数と一致すること、503 のすべてに応答フラグ `UO` が付いていることを確かめます。"""),
                en("Three connections at once", """
                    Have fortio call from three connections (`-c 3`), with no pause between calls (`-qps 0`), 20 calls in all (`-n 20`).
                    Three requests arrive at once for one connection and one waiting slot, so the sidecar turns the overflow away with 503.
                    The `Code 200` and `Code 503` lines say how many calls got each.
                    How many are refused depends on timing, so the checks leave the number alone. They check instead that the calls add up to 20,
                    that the 503s match what the sidecar counted, and that every 503 carries response flag `UO`."""))

            .fortioLoad(Load.calls(1, 0, 20, HTTPBIN),
                ja("接続 1 本なら断られない", """
                    同じ 20 回を、接続 1 本(`-c 1`)で順番に送ります。前のリクエストが終わってから次を送るので、待ち行列があふれることはなく、
                    503 は出ないはずです。"""),
                en("One connection is never refused", """
                    Send the same 20 calls over a single connection (`-c 1`), one after another. Each call starts after the previous one
                    is done, so the queue never overflows and no 503 should appear."""))

            .fortioLoad(Load.calls(2, 0, 20, HTTPBIN),
                ja("接続 2 本では境目にいる", """
                    接続 2 本(`-c 2`)では、1 本が使用中でももう 1 つは待ち行列に入れるので、ほとんどは通ります。
                    ただし `maxRequestsPerConnection: 1` のため接続は 1 回ごとに閉じられ、次の接続が開くまでのわずかな間に
                    リクエストが重なると、いくつかは断られることがあります。何回になるかは実行ごとに変わります。"""),
                en("Two connections sit on the edge", """
                    With two connections (`-c 2`), one request can wait while the other is served, so most calls get through.
                    But `maxRequestsPerConnection: 1` closes each connection after one request; when calls overlap in the short gap
                    before the next connection opens, some may be refused. How many varies from run to run."""))

            .sidecarStats(HTTPBIN,
                ja("サイドカー自身の記録を見る", """
                    断ったのは fortio の Pod のサイドカーなので、その数はサイドカーの統計に残っています。
                    `pilot-agent request GET stats` で Envoy の統計を取り出し、httpbin 宛ての待ち行列(pending)に関する行を見ます。
                    `upstream_rq_pending_overflow` が、上限を超えて断ったリクエストの数です。
                    この値の増え方が、3 回の fortio load で見た 503 の合計と一致することを確かめます。"""),
                en("Read the sidecar's own record", """
                    The refusals were made by fortio's sidecar, so they are counted in its statistics.
                    `pilot-agent request GET stats` prints Envoy's statistics; keep the lines about requests waiting (pending) for httpbin.
                    `upstream_rq_pending_overflow` counts the requests refused for exceeding the limits.
                    Its rise should equal the 503s of the three fortio loads together."""))

            .explain(
                ja("Ingress Gateway: メッシュの入口", """
                    ここからは、メッシュの外からのリクエストを受け付ける入口を作ります。
                    Istio の Ingress Gateway は、`istio-system` 名前空間で動く Envoy だけの Pod(`istio-ingressgateway`)です。
                    どのポートでどのホスト名を受けるかを *Gateway* リソースで決め、受けたリクエストをどこへ送るかを、
                    `gateways` でその Gateway に結び付けた *VirtualService* で決めます。
                    VirtualService に書いていないパスは、Gateway まで届いても 404 になります。"""),
                en("The ingress gateway: the mesh's front door", """
                    Next, build the entrance for requests from outside the mesh.
                    Istio's ingress gateway is a pod running Envoy alone (`istio-ingressgateway`) in the `istio-system` namespace.
                    A *Gateway* resource says which ports and host names it accepts; a *VirtualService* bound to that Gateway
                    through its `gateways` field says where the accepted requests go.
                    A path the VirtualService does not list gets 404, even though it reached the gateway."""))

            .apply("bookinfo-gateway.yaml",
                ja("Gateway と VirtualService を適用する", """
                    ラベル `istio: ingressgateway` を持つゲートウェイ Pod に、ポート 80 ですべてのホスト名(`"*"`)を受けさせる Gateway と、
                    それに結び付けて `/productpage`・`/static`・`/login`・`/logout`・`/api/v1/products` だけを productpage の 9080 番に送る
                    VirtualService を適用します。"""),
                en("Apply the Gateway and its VirtualService", """
                    Apply a Gateway that has the gateway pods labelled `istio: ingressgateway` accept every host name (`"*"`) on port 80,
                    and a VirtualService bound to it that sends `/productpage`, `/static`, `/login`, `/logout` and `/api/v1/products`,
                    and nothing else, to productpage on port 9080."""))

            .curlGateway(List.of("/productpage", "/api/v1/products", "/health", "/"),
                ja("自分のマシンからゲートウェイを呼ぶ", """
                    `kubectl port-forward` でゲートウェイの 80 番を手元の 8080 番につなぎ、自分のマシンから `curl` で呼びます
                    (8080 番がふさがっていれば別の空き番号を使い、その番号を表示します)。
                    ブラウザで http://localhost:8080/productpage を開いても、同じページが見えます。
                    VirtualService に書いたパスは productpage が 200 で答え、書いていないパスはゲートウェイが 404 を返します。
                    `/health` は productpage 自身なら答えるパスですが、ゲートウェイを通しては届きません。"""),
                en("Call the gateway from your own machine", """
                    Connect the gateway's port 80 to local port 8080 with `kubectl port-forward`, then call it with `curl` from your machine
                    (when 8080 is taken, another free port is used and printed).
                    Opening http://localhost:8080/productpage in a browser shows the same page.
                    The paths the VirtualService lists are answered by productpage with 200; any other path gets 404 from the gateway.
                    `/health` is a path productpage itself answers, but it is not reachable through the gateway."""))

            .apply("reviews-destination-rule.yaml",
                ja("ゲートウェイの奥でも reviews の subset を定義する", """
                    第 3 回と同じ DestinationRule で、reviews の Pod を v1・v2・v3 の subset に分けます。"""),
                en("Define the reviews subsets behind the gateway", """
                    With the same DestinationRule as in lesson 03, divide the reviews pods into subsets v1, v2 and v3."""))

            .apply("reviews-canary.yaml",
                ja("第 3 回のカナリアを適用する", """
                    第 3 回の 80/20 のカナリア(v1 に 80、v3 に 20)をそのまま適用します。
                    この VirtualService は Gateway ではなくメッシュ(サイドカー)に効くものですが、
                    ゲートウェイから入ったリクエストも productpage のサイドカーを通って reviews を呼ぶので、同じ割合で分かれるはずです。"""),
                en("Apply lesson 03's canary", """
                    Apply lesson 03's 80/20 canary as it is: 80 to v1, 20 to v3.
                    This VirtualService acts in the mesh (on sidecars), not on the gateway. But a request that came in through the gateway
                    still reaches reviews through productpage's sidecar, so it should split the same way."""))

            .checkSplitThroughGateway(
                ja("ゲートウェイ経由でまとめて送って割合を確かめる", """
                    自分のマシンからゲートウェイ経由で productpage を大量に呼び、ページに出る reviews のバージョンを数えます。
                    期待する割合は適用した VirtualService から読み取り、第 3 回と同じ正確二項検定で判定します。"""),
                en("Check the shares through the gateway", """
                    Call productpage many times from your machine through the gateway and count the reviews version each page shows.
                    The expected shares are read from the applied VirtualService, and the verdict uses the same exact binomial test as lesson 03."""))

            .cleanup(
                ja("後片付け", """
                    作ったものを新しい順に削除し、何も残っていないことを確かめます。"""),
                en("Clean up", """
                    Delete what the lesson created, newest first, and check that nothing is left."""))

            .explain(
                ja("まとめ", """
                    * `connectionPool` の上限を超えたリクエストは、宛先に届く前に呼び出し側のサイドカーが 503 で断る。
                    * 断られた数は、呼び出し側のサイドカーの `upstream_rq_pending_overflow` と、アクセスログの応答フラグ `UO` で確かめられる。
                    * 同時に送る数が上限の内側(`-c 1`)なら断られない。境目(`-c 2`)では、接続を開き直すタイミング次第でときどき断られる。
                    * Ingress Gateway は Gateway でポートとホスト名を開き、結び付けた VirtualService に書いたパスだけを中へ通す。"""),
                en("Summary", """
                    * A request beyond the `connectionPool` limits is refused with 503 by the caller's sidecar before it reaches the destination.
                    * The refusals show in the caller sidecar's `upstream_rq_pending_overflow` and as response flag `UO` in its access log.
                    * Within the limits (`-c 1`) nothing is refused. On the edge (`-c 2`) a few may be, depending on when connections reopen.
                    * The ingress gateway opens ports and host names through a Gateway, and lets in only the paths a VirtualService bound to it lists."""));
    }
}
