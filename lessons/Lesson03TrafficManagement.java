///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES workbench/**.java

import static workbench.article.Passage.en;
import static workbench.article.Passage.ja;

import java.util.List;
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

            .explain(
                ja("カナリアリリースの進め方", """
                    実際のリリースでは、新しいバージョンへの割合を段階的に上げていきます。

                    . まず 10% 程度を新バージョンに流し、エラー率や応答時間を監視する
                    . 問題がなければ 20% → 50% → 100% と weight を書き換えていく
                    . 問題が見つかったら、新バージョンの weight をすぐ 0 に戻す(VirtualService を 1 回適用するだけで済む)

                    Deployment のローリングアップデートは Pod を順に入れ替えるので、旧バージョンと新バージョンの比率は
                    Pod 数で決まり、途中で止めても細かく調整できません。
                    Istio の重み付きルーティングなら、旧版と新版を並べて動かしたまま、Pod 数とは関係なく好きな比率でトラフィックを分けられます。"""),
                en("How a canary release proceeds", """
                    A real release raises the new version's share step by step.

                    . send about 10% to the new version and watch its error rate and latency
                    . if all is well, rewrite the weights: 20%, then 50%, then 100%
                    . if something goes wrong, set the new version's weight back to 0 at once (one VirtualService apply)

                    A Deployment's rolling update replaces pods one by one, so the old-to-new ratio follows the pod count
                    and cannot be tuned finely part-way.
                    Istio's weighted routing keeps both versions running and splits traffic in any ratio, whatever the pod counts."""))

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
