///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds*=off -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//CDS
//SOURCES workbench/**.java

import static workbench.article.Passage.en;
import static workbench.article.Passage.ja;

import java.util.List;
import workbench.lesson.CanaryPlan;
import workbench.lesson.Lesson;

/**
 * 第 3 回: DestinationRule で reviews を subset に分け、VirtualService で v1 に固定し、
 * 80/20 のカナリアで v3 に少しずつ流す。各ステップは記事の一節と、その節で行う一つの操作。
 */
public class Lesson03TrafficManagement {

    public static void main(String... args) {
        lesson().run(args);
    }

    public static Lesson lesson() {
        return Lesson.titled("lesson03",
            ja("Istio ハンズオン 03: VirtualService と DestinationRule で reviews を切り替える", """
                Bookinfo の reviews サービスには v1・v2・v3 の 3 つのバージョンが同時に動いています。
                何も設定しなければ、リクエストはこの 3 つにばらばらに届きます。
                この回では Istio の DestinationRule と VirtualService を使って、まず全リクエストを v1 に集め、
                次に 80% を v1、20% を v3 に流すカナリアリリースを行います。
                記事中の出力はすべて、このレッスンを実際に実行して観測したものです。"""),
            en("Istio hands-on 03: steering reviews with VirtualService and DestinationRule", """
                Bookinfo's reviews service runs three versions side by side: v1, v2 and v3.
                Left alone, requests land on any of them.
                In this lesson you first gather every request on v1 with a DestinationRule and a VirtualService,
                then run a canary release that sends 80% to v1 and 20% to v3.
                Every output shown here was observed while this lesson ran."""))
            .summary("DestinationRule で reviews を subset に分け、VirtualService で v1 に固定してから 80/20 のカナリアで v3 に流す。",
                "Divide reviews into subsets with a DestinationRule, pin it to v1 with a VirtualService, then canary 80/20 to v3.")

            .explain(
                ja("DestinationRule と VirtualService の役割", """
                    *DestinationRule* は、ひとつのサービスの Pod をラベルで束ねて名前を付けます。この束を *subset* と呼びます。
                    reviews なら `version: v1` のラベルを持つ Pod を subset `v1` に、というように分けます。

                    *VirtualService* は、あるホスト宛てのリクエストを「どの subset に、どの割合で」送るかを決めます。
                    ルールは上から順に調べられ、最初に当てはまったものが使われます。

                    リクエストは次の順にたどります。

                    . 呼び出し側の Pod のサイドカー(Envoy)がリクエストを受け取る
                    . VirtualService のルールで送り先の subset を決める(weight があれば、リクエストごとにくじを引く)
                    . DestinationRule の subset 定義から、その subset に属する Pod を選ぶ
                    . 選ばれた Pod にリクエストが届く

                    DestinationRule が「分け方」、VirtualService が「振り分け方」と覚えておくとよいでしょう。"""),
                en("What DestinationRule and VirtualService each do", """
                    A *DestinationRule* groups the pods of one service by their labels and gives each group a name: a *subset*.
                    For reviews, the pods labelled `version: v1` become subset `v1`, and so on.

                    A *VirtualService* decides where requests for a host go: to which subset, and in what proportion.
                    Its rules are tried from the top, and the first one that matches is used.

                    A request travels like this:

                    . the sidecar (Envoy) of the calling pod takes the request
                    . the VirtualService's rules pick the destination subset (with weights, a fresh draw for every request)
                    . the DestinationRule's subset definition says which pods belong to that subset
                    . the request reaches one of those pods

                    In short: the DestinationRule says how the pods are divided, the VirtualService how traffic is shared among them."""))

            .enableInjection(
                ja("名前空間でサイドカー注入を有効にする", """
                    Istio の注入 Webhook は、ラベル `istio-injection=enabled` が付いた名前空間で作られる Pod にだけ
                    サイドカー(istio-proxy)を追加します。ラベルはこれから作る Pod にだけ効くので、デプロイより先に付けます。"""),
                en("Turn on sidecar injection for the namespace", """
                    Istio's injection webhook adds the sidecar (istio-proxy) only to pods created in a namespace
                    labelled `istio-injection=enabled`. The label affects pods created after it, so it comes before the deployment."""))

            .deploy(List.of("bookinfo.yaml", "fortio.yaml"),
                ja("Bookinfo をデプロイする", """
                    Bookinfo をデプロイします。
                    productpage・details・ratings が各 1 バージョン、reviews が v1(星なし)・v2(黒い星)・v3(赤い星)の 3 バージョンです。
                    あわせて、メッシュの中からリクエストを送るためのクライアント fortio もデプロイします。
                    各 Pod がアプリのコンテナと istio-proxy の 2 つを持ち、READY が `2/2` になれば準備完了です。"""),
                en("Deploy Bookinfo", """
                    Deploy Bookinfo: one version each of productpage, details and ratings, and three of reviews:
                    v1 (no stars), v2 (black stars) and v3 (red stars).
                    Deploy fortio as well; it is the client that sends requests from inside the mesh.
                    Each pod is ready when both its containers, the application and istio-proxy, are: READY shows `2/2`."""))

            .apply("reviews-destination-rule.yaml",
                ja("DestinationRule で subset を定義する", """
                    reviews の Pod を `version` ラベルで v1・v2・v3 の 3 つの subset に分けます。
                    この時点ではまだ振り分け方を決めていないので、トラフィックの流れは変わりません。"""),
                en("Define the subsets with a DestinationRule", """
                    Divide the reviews pods into three subsets, v1, v2 and v3, by their `version` label.
                    Nothing says yet how to share traffic among them, so the traffic does not change."""))

            .apply("reviews-v1-only.yaml",
                ja("VirtualService で reviews を v1 に固定する", """
                    reviews 宛てのリクエストをすべて subset `v1` に送る VirtualService を適用します。
                    ルールは 1 つ、送り先も 1 つなので、weight を書かなくても 100% が v1 に向かいます。"""),
                en("Pin reviews to v1 with a VirtualService", """
                    Apply a VirtualService that sends every request for reviews to subset `v1`.
                    With one rule and one destination, no weight is needed: v1 gets 100%."""))

            .readerLoop(5,
                ja("v1 だけが返ることを確かめる", """
                    fortio の Pod から productpage に 5 回アクセスし、ページに表示される「Reviews served by:」の Pod 名から
                    バージョンを取り出します。すべて `reviews-v1` になるはずです。"""),
                en("See that only v1 answers", """
                    Call productpage five times from the fortio pod and pick the version out of the pod name the page shows
                    under "Reviews served by:". Every line should read `reviews-v1`."""))

            .checkSplit(
                ja("まとめて送って v1 への固定を確かめる", """
                    5 回では偶然もありえるので、まとめてリクエストを送り、応答をすべて数えます。
                    期待する割合はレッスンに書き込まず、適用した設定から、サイドカーと同じルーティングの判断で求めます。"""),
                en("Send many requests to confirm the pin", """
                    Five pages could agree by chance, so send many requests and count every answer.
                    The expected shares are not written into the lesson: they are derived from the applied configuration
                    by the same routing decision the sidecars make."""))

            .apply("reviews-canary.yaml",
                ja("80/20 のカナリアに切り替える", """
                    同じ名前の VirtualService を、v1 に weight 80、v3 に weight 20 を割り当てる内容で上書きします。
                    weight は相対値で、Envoy はリクエストごとに独立にくじを引いて送り先を決めます。
                    順番に 8 回と 2 回を繰り返すわけではないので、短い区間では比率がぶれます。"""),
                en("Switch to an 80/20 canary", """
                    Overwrite the VirtualService of the same name with one that gives v1 weight 80 and v3 weight 20.
                    Weights are relative, and Envoy draws the destination independently for each request.
                    It does not cycle through eight and then two, so short stretches stray from the ratio."""))

            .readerLoop(10,
                ja("10 回アクセスして混ざり方を見る", """
                    もう一度 fortio からアクセスします。今度は 10 回です。
                    おおよそ 8 対 2 で `reviews-v1` と `reviews-v3` が混ざりますが、10 回程度ではちょうど 8:2 になるとは限りません。
                    ここで確かめるのは、v2 のような割り当てていないバージョンが現れないことです。"""),
                en("Ten calls to see the mix", """
                    Call again from fortio, ten times this time.
                    `reviews-v1` and `reviews-v3` mix roughly eight to two, but ten calls rarely give exactly 8:2.
                    What this step checks is that no version without a share, such as v2, appears."""))

            .checkSplit(
                ja("まとめて送って割合を確かめる", """
                    大量に送れば、観測される割合は weight に近づきます。
                    weight を 50/50 などに書き換えて実行し直しても、その値に対して判定されます。
                    判定には正確二項検定を使い、正しいメッシュが誤って不合格になる確率を 100 万分の 1 以下に抑えています。"""),
                en("Send many requests to check the shares", """
                    With many requests, the observed shares approach the weights.
                    Edit the weights, to 50/50 say, and run again: the verdict follows the new values.
                    The check is an exact binomial test that fails a correct mesh at most once in a million runs."""))

            .canary(CanaryPlan.expectPromotion("reviews", "v1", "v3", List.of(10, 20, 50)),
                ja("カナリアを段階的に進める: 健全な v3 は 100% まで昇格する", """
                    実際のリリースでは、新しいバージョンへの割合を一度に上げず、少しずつ上げながら様子を見ます。
                    ここでは Flagger のカナリア解析と同じ手順を自動で行います。

                    . v3 の weight を 10% にした VirtualService を適用する
                    . 一定量のトラフィックを流し、v3 の Pod のサイドカーが記録したメトリクス
                      (`istio_requests_total` と `istio_request_duration_milliseconds`、`reporter="destination"`)を読む
                    . ゲートをすべて満たせば次の段階(20% → 50%)へ進み、最後の段階も満たせば 100% にする(昇格)
                    . どれかが満たされなければ weight をそのまま保ち、失敗回数を 1 つ増やす。失敗回数がしきい値に達したら 0% に戻す(切り戻し)

                    ゲートは Flagger の 2 つ(成功率と P99)に加えて、同じ時間帯の v1 との比較を 2 つ行います。
                    v1 と比べることで、負荷が高いときに両方が遅くなっただけなのか、v3 だけが悪いのかを区別できます。
                    メトリクスは Prometheus を入れなくても、各 Pod の `:15020/stats/prometheus` から直接読めます。"""),
                en("Step the canary up: a healthy v3 is promoted to 100%", """
                    A real release does not hand the new version its full share at once; it raises the share a little at a time and watches.
                    This step runs Flagger's canary analysis, the same procedure, automatically:

                    . apply a VirtualService that gives v3 weight 10%
                    . send a fixed amount of traffic, then read the metrics that the v3 pods' sidecars recorded
                      (`istio_requests_total` and `istio_request_duration_milliseconds`, `reporter="destination"`)
                    . when every gate holds, move to the next step (20%, then 50%); when the last one holds too, send 100% (promotion)
                    . when any gate fails, keep the weight and count one failed check; when the count reaches the threshold, go back to 0% (rollback)

                    Besides Flagger's two gates, success rate and P99, two more compare v3 with v1 over the same interval.
                    The comparison tells a v3 that is itself worse apart from a busy moment that slows both versions.
                    No Prometheus is needed: each pod serves its metrics on `:15020/stats/prometheus`."""))

            .checkSplit(
                ja("昇格後の割合を確かめる", """
                    解析は最後に v3 を 100% にする VirtualService を適用しました。
                    まとめてリクエストを送り、すべてが v3 に届くことを確かめます。"""),
                en("Check the split after promotion", """
                    The analysis ended by applying a VirtualService that sends 100% to v3.
                    Send many requests and confirm that every one reaches v3."""))

            .apply("reviews-v1-only.yaml",
                ja("v1 に戻して、もう一度リリースをやり直す", """
                    次は、問題を抱えた v3 をリリースしてしまう場面を試します。
                    まず reviews を v1 だけに戻し、リリース前の状態にします。"""),
                en("Back to v1 for a second release", """
                    Next, try releasing a v3 that has a problem.
                    First send all of reviews back to v1, as before the release."""))

            .apply("ratings-delay-reviews-v3.yaml",
                ja("v3 だけを遅くする障害を入れる", """
                    ratings の VirtualService に `fault.delay` を入れ、`sourceLabels` で呼び出し元を
                    `app: reviews`・`version: v3` の Pod に限ります。
                    v3 から ratings への呼び出しだけが 0.7 秒遅れ、v1 と v2 には影響しません。
                    本物のクラスタにもそのまま適用できる、Istio の設定だけで作った「遅い新バージョン」です。"""),
                en("Inject a fault that slows only v3", """
                    Put a `fault.delay` into a VirtualService for ratings, and limit it with `sourceLabels` to callers
                    labelled `app: reviews` and `version: v3`.
                    Only v3's calls to ratings wait 0.7 s; v1 and v2 are untouched.
                    It is a slow new version made from Istio configuration alone, and it applies to a real cluster as it is."""))

            .canary(CanaryPlan.expectRollback("reviews", "v1", "v3", List.of(10, 20, 50)),
                ja("遅い v3 はゲートで止まり、0% に切り戻される", """
                    同じ解析をもう一度実行します。
                    10% の段階で v3 の P99 と v1 との遅延比較が不合格になり、weight は 10% のまま保たれます。
                    次のインターバルでも不合格なら失敗回数がしきい値の 2 に達し、v3 の weight を 0 に戻します。"""),
                en("The slow v3 is stopped by the gates and rolled back to 0%", """
                    Run the same analysis again.
                    At 10%, v3's P99 and the latency comparison with v1 fail, and the weight stays at 10%.
                    If the next interval fails as well, the failed checks reach the threshold of 2 and v3's weight goes back to 0."""))

            .checkSplit(
                ja("切り戻し後の割合を確かめる", """
                    まとめてリクエストを送り、100% が v1 に戻ったこと(v3 へは 1 件も届かないこと)を確かめます。"""),
                en("Check the split after the rollback", """
                    Send many requests and confirm that 100% is back on v1: not one reaches v3."""))

            .explain(
                ja("切り戻しが kubectl apply 1 回で済む理由", """
                    v3 の Pod は切り戻しの間も動き続けています。変わったのは「どの Pod にどれだけ送るか」という
                    VirtualService の weight だけです。istiod は新しい VirtualService を各サイドカーに配り、
                    次のリクエストからは新しい weight でくじが引かれます。Pod の再作成もイメージの取り直しも要りません。

                    Deployment のローリングアップデートで戻す場合は、古いイメージで Pod を作り直し、
                    起動と readiness を待ちながら順に入れ替えるので、戻り切るまで問題のある Pod にもリクエストが届きます。
                    また比率は Pod 数で決まるので、「10% だけ」のような細かい調整もできません。

                    VirtualService はサービスのトラフィックの配分を 1 つのオブジェクトで表しているので、
                    `kubectl apply -f reviews-canary-0.yaml` の 1 回で、配分全体が一度に元に戻ります。"""),
                en("Why a rollback is one kubectl apply", """
                    The v3 pods keep running through the rollback. The only thing that changes is the VirtualService's weights:
                    how much traffic goes to which pods. istiod pushes the new VirtualService to every sidecar, and the next
                    request is drawn with the new weights. No pod is recreated and no image pulled.

                    Rolling a Deployment back means recreating pods from the old image and swapping them one by one while each
                    starts and turns ready; until the swap is done, the bad pods still get requests. The ratio follows the pod
                    count, too, so a share like 10% cannot be set.

                    A VirtualService holds a service's whole traffic split in one object, so a single
                    `kubectl apply -f reviews-canary-0.yaml` puts the whole split back at once."""))

            .cleanup(
                ja("後片付け", """
                    作ったものを新しい順に削除し、何も残っていないことを確かめます。"""),
                en("Clean up", """
                    Delete what the lesson created, newest first, and check that nothing is left."""))

            .explain(
                ja("まとめ", """
                    * DestinationRule はサービスの Pod をラベルで subset に分ける。
                    * VirtualService はリクエストをどの subset に送るかを決める。weight は相対値で、リクエストごとのくじで効く。
                    * subset の定義(DestinationRule)と振り分け(VirtualService)を分けておくと、
                      VirtualService を書き換えるだけで、固定・カナリア・切り戻しを素早く行える。

                    次の回(lesson04)では、サーキットブレーカーと Ingress Gateway を扱います。"""),
                en("Summary", """
                    * A DestinationRule divides a service's pods into subsets by label.
                    * A VirtualService decides which subset a request goes to. Weights are relative and act through a draw per request.
                    * Keeping the subsets (DestinationRule) apart from the sharing (VirtualService) makes pinning, canaries and
                      rollbacks a matter of rewriting the VirtualService.

                    The next lesson (lesson04) covers circuit breaking and the ingress Gateway."""));
    }
}
