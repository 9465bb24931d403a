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
 * 第 2 回: サイドカーが記録するメトリクスを読み、そこから Kiali と同じ作り方でサービスグラフを描き、
 * 1 ページ分のトレースをウォーターフォールで見る。各ステップは記事の一節と、その節で行う一つの操作。
 */
public class Lesson02Observability {
    private static final List<String> DEPLOYED = List.of("bookinfo.yaml", "fortio.yaml");

    public static void main(String... args) {
        lesson().run(args);
    }

    public static Lesson lesson() {
        return Lesson.titled("lesson02",
            ja("Istio ハンズオン 02: メッシュのテレメトリでサービスを観察する", """
                サイドカーの Envoy は、通したリクエストを 1 件ずつ数え、かかった時間を記録し、トレースのスパンを送ります。
                アプリケーションのコードには手を入れていません。
                この回では、その数字を直接読み、サービス同士のつながりをグラフにし、1 回のページ表示がどのサービスを
                どの順に通ったかをトレースで確かめます。
                記事中の出力・図・表はすべて、このレッスンを実際に実行して観測したものです。"""),
            en("Istio hands-on 02: watching services through the mesh's own telemetry", """
                Each sidecar Envoy counts the requests it passes, records how long they took, and reports trace spans,
                all without a line of application code.
                In this lesson you read those numbers directly, turn them into a graph of which service calls which,
                and follow one page view through the services in a trace.
                Every output, figure and table here was observed while this lesson ran."""))

            .summary("サイドカーのメトリクスを読み、そこから Kiali と同じ作り方でサービスグラフを描き、1 つのリクエストのトレースを滝グラフで見る。",
                "Read the sidecars' metrics, draw the service graph from them as Kiali does, and follow one request's trace as a waterfall.")

            .enableInjection(
                ja("名前空間でサイドカー注入を有効にする", """
                    テレメトリを記録するのはサイドカーです。サイドカーのない Pod の通信はどこにも記録されません。
                    デプロイより先に、名前空間に `istio-injection=enabled` を付けます。"""),
                en("Turn on sidecar injection for the namespace", """
                    The sidecars are what record the telemetry; traffic of a pod without one is recorded nowhere.
                    Label the namespace `istio-injection=enabled` before deploying."""))

            .deploy(DEPLOYED,
                ja("Bookinfo をデプロイする", """
                    Bookinfo と、メッシュの中からリクエストを送るクライアント fortio をデプロイします。
                    reviews には v1・v2・v3 があり、VirtualService がないので、リクエストは 3 つのどれかに届きます。"""),
                en("Deploy Bookinfo", """
                    Deploy Bookinfo, and fortio, the client that sends requests from inside the mesh.
                    reviews runs as v1, v2 and v3; with no VirtualService, a request reaches any of the three."""))

            .sidecarMetrics(20, DEPLOYED,
                ja("サイドカーのメトリクスを直接読む", """
                    productpage を 20 回表示してから、productpage の Pod の istio-proxy コンテナで Envoy のメトリクスを読みます。
                    `istio_requests_total` はリクエスト数のカウンタで、ラベルの組ごとに 1 行です。
                    `reporter` はどちらのサイドカーが数えたか(`source` は呼び出し側、`destination` は呼ばれた側)、
                    `source_workload` と `destination_workload` は両端のワークロード、`response_code` は応答のステータスです。

                    ポート 15090 は Envoy 自身の Prometheus エンドポイントで、Envoy の統計(Istio の stats フィルタが記録する
                    `istio_*` を含む)を返します。15020 は istio-agent のエンドポイントで、Envoy の統計に agent 自身と
                    アプリケーションのメトリクスを合わせて返します。Prometheus が Pod から集めるのは 15020 のほうです。"""),
                en("Read the sidecar's metrics directly", """
                    Show productpage 20 times, then read Envoy's metrics in the istio-proxy container of the productpage pod.
                    `istio_requests_total` counts requests, one line per distinct set of labels.
                    `reporter` says which sidecar counted (`source` is the caller's, `destination` the callee's),
                    `source_workload` and `destination_workload` name the two ends, and `response_code` is the status.

                    Port 15090 is Envoy's own Prometheus endpoint: Envoy's stats, including the `istio_*` series that Istio's
                    stats filter records. Port 15020 belongs to istio-agent, which merges Envoy's stats with its own and the
                    application's metrics; that is the port Prometheus scrapes."""))

            .installAddons(
                ja("Prometheus・Kiali・Jaeger を入れる", """
                    メッシュ全体のメトリクスとトレースを見るために、Istio に付属するアドオンを `istio-system` に入れます。
                    シリーズでは Prometheus と Kiali をここで、Jaeger をトレースを見る手順の直前に入れますが、このレッスンでは 3 つをまとめて入れます。
                    どれもデモ用の構成で、データはメモリやその場限りのディスクにしか残りません。

                    k3s では、Istio が同じマニフェストを作るのに使う Helm チャートと設定を、k3s の Helm コントローラで入れます。
                    自分のクラスタ(`--backend kubeconfig`)では何も入れず、足りないものがあれば入れ方を示して止まります。
                    組み込みメッシュでは、レッスンが使う Prometheus と Jaeger の API の一部をメッシュ自身が答えます。
                    下の出力は、この実行で実際に確かめたアドオンの様子です。"""),
                en("Install Prometheus, Kiali and Jaeger", """
                    To see metrics and traces for the whole mesh, install the addons that ship with Istio into `istio-system`.
                    The series installs Prometheus and Kiali here and Jaeger just before its tracing step; this lesson installs all three now.
                    They are demo setups: their data lives in memory or on scratch disk only.

                    On k3s the workbench installs them with k3s's Helm controller, from the same Helm charts and values Istio renders
                    these manifests from. On your own cluster (`--backend kubeconfig`) it installs nothing, and stops with the command
                    to run when one is missing. On the embedded mesh the mesh itself answers the part of the Prometheus and Jaeger APIs
                    the lesson uses. The output below is what this run found."""))

            .explain(
                ja("Prometheus・Kiali・Jaeger の役割", """
                    各サイドカーのカウンタは、その Pod の中にしかありません。*Prometheus* が全 Pod から定期的に集めて、
                    `sum by (...)` のような PromQL で足し合わせられるようにします。

                    *Kiali* は Prometheus に `istio_requests_total` と `istio_request_duration_milliseconds` を問い合わせ、
                    呼び出し元と呼び出し先のラベルの組ごとに 1 本の矢印(エッジ)を引きます。
                    ノードはワークロードとそのバージョン、エッジにはリクエスト数・成功率(5xx 以外の割合)・P99 が付きます。
                    エッジの色は成功率で決まり、エラーが 0.1% 以上で橙、20% 以上で赤です。

                    *Jaeger* はサイドカーが送るスパンを集め、同じトレース ID のスパンを親子関係でつないで表示します。

                    このレッスンは Prometheus と Jaeger の HTTP API を通してメトリクスとトレースを読み、グラフとウォーターフォールを
                    自分で描きます。組み込みメッシュでは、この API のうちレッスンが使う部分をメッシュ自身が答えます。"""),
                en("What Prometheus, Kiali and Jaeger do", """
                    Each sidecar's counters live only inside its pod. *Prometheus* collects them from every pod at intervals
                    so that PromQL such as `sum by (...)` can add them up.

                    *Kiali* asks Prometheus for `istio_requests_total` and `istio_request_duration_milliseconds` and draws one
                    arrow (an edge) per pair of caller and callee labels.
                    Nodes are workloads with their versions; edges carry request counts, success rate (the share that is not 5xx)
                    and P99. An edge's colour follows its errors: orange from 0.1%, red from 20%.

                    *Jaeger* collects the spans the sidecars report and joins the spans of one trace ID by their parents.

                    This lesson reads the metrics and traces through the Prometheus and Jaeger HTTP APIs and draws the graph and
                    the waterfall itself. On the embedded mesh, the mesh answers the part of those APIs the lesson uses."""))

            .serviceGraph(200, DEPLOYED,
                ja("トラフィックを流してサービスグラフを描く", """
                    productpage を 200 回表示し、その前後で Prometheus に問い合わせた差から、Kiali と同じ規則でグラフを作ります。
                    矢印の太さはリクエスト数、色は成功率です。
                    期待するエッジはレッスンに書き込まず、Bookinfo の呼び出し関係(productpage は details と reviews を、
                    reviews の v2 と v3 は ratings を呼び、v1 は呼ばない)と、各ページに表示された reviews のバージョンから数えます。"""),
                en("Send traffic and draw the service graph", """
                    Show productpage 200 times and build the graph, by Kiali's rules, from the difference between Prometheus
                    queries made before and after. An arrow's width is its request count, its colour its success rate.
                    The expected edges are not written into the lesson: they are counted from Bookinfo's call graph
                    (productpage calls details and reviews; reviews v2 and v3 call ratings, v1 does not) and the reviews
                    version each page showed."""))

            .trace(DEPLOYED,
                ja("1 ページ分のトレースを見る", """
                    Bookinfo の各サービスは、受けたリクエストの `x-b3-traceid`・`x-b3-spanid`・`traceparent` などのヘッダを、
                    自分が送るリクエストにそのまま写します。サイドカーはこのヘッダを見て、自分のスパンを同じトレースにつなげます。
                    呼び出し側のサイドカーが CLIENT スパン、呼ばれた側のサイドカーが SERVER スパンを作るので、1 回の呼び出しは 2 本のバーになります。

                    ratings まで呼ぶページ(reviews v2 か v3 が返したもの)になるまで 1 ページずつ表示し、
                    そのリクエストの `x-request-id` でトレースを探します。"""),
                en("Look at one page's trace", """
                    Every Bookinfo service copies headers such as `x-b3-traceid`, `x-b3-spanid` and `traceparent` from the request
                    it serves onto the requests it sends. The sidecars read those headers and join their spans to the same trace.
                    The caller's sidecar reports a CLIENT span and the callee's a SERVER span, so each call shows as two bars.

                    Pages are shown one at a time until one reaches ratings (one answered by reviews v2 or v3),
                    and its trace is found by the request's `x-request-id`."""))

            .apply("ratings-fault-abort.yaml",
                ja("ratings に障害を入れる", """
                    ratings 宛てのリクエストを、呼び出し側のサイドカーが HTTP 500 で打ち切る VirtualService を適用します。
                    リクエストは ratings の Pod に届かないので、ratings 側のサイドカーは何も数えません。
                    呼び出し側(reviews)のサイドカーは `reporter="source"` で 500 を数えます。"""),
                en("Inject a fault into ratings", """
                    Apply a VirtualService whose abort makes the caller's sidecar answer requests for ratings with HTTP 500.
                    The requests never reach a ratings pod, so its sidecar counts nothing; the caller's (reviews') sidecar
                    counts the 500s with `reporter="source"`."""))

            .serviceGraph(200, DEPLOYED,
                ja("障害が入ったグラフを描く", """
                    もう一度 200 回表示してグラフを描きます。打ち切られたリクエストは ratings のどの Pod にも届いていないので、
                    Kiali と同じく、行き先はワークロードではなく ratings サービスのノード(点線)になります。
                    期待する成功率は、適用した VirtualService の abort の割合から求めます。
                    reviews は ratings のエラーを画面に表示したうえで 200 を返すので、その手前のエッジは緑のままです。"""),
                en("Draw the graph with the fault in place", """
                    Show the page 200 times again and draw the graph. The aborted requests reached no ratings pod, so, as in Kiali,
                    they end at the ratings service node (dashed) rather than at a workload.
                    The expected success rate follows from the abort percentage of the applied VirtualService.
                    reviews shows the ratings error on the page and still answers 200, so the edges before it stay green."""))

            .cleanup(
                ja("後片付け", """
                    作ったものを新しい順に削除し、何も残っていないことを確かめます。"""),
                en("Clean up", """
                    Delete what the lesson created, newest first, and check that nothing is left."""))

            .explain(
                ja("まとめ", """
                    * サイドカーは、通したリクエストを `istio_requests_total` などのメトリクスとして呼び出し側と呼ばれた側の両方で数える。
                    * Kiali のグラフは、そのメトリクスを呼び出し元と呼び出し先の組で集計したもの。成功率と P99 もメトリクスから求まる。
                    * トレースは、アプリケーションがトレース用のヘッダを写し、サイドカーがスパンを送ることで 1 本につながる。

                    次の回(lesson03)では、VirtualService と DestinationRule でトラフィックを切り替えます。"""),
                en("Summary", """
                    * The sidecars count every request they pass, as `istio_requests_total` and friends, at both the caller and the callee.
                    * Kiali's graph is those metrics summed per caller and callee; success rate and P99 come from the same metrics.
                    * A trace joins up because the applications copy the tracing headers and the sidecars report spans.

                    The next lesson (lesson03) steers traffic with VirtualService and DestinationRule."""));
    }
}
