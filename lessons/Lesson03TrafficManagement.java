///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//JAVA_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES workbench/**.java

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
        return Lesson.titled("lesson03", "Istio ハンズオン 03: VirtualService と DestinationRule で reviews を切り替える")

            .intro("""
                Bookinfo の reviews サービスには v1・v2・v3 の 3 つのバージョンが同時に動いています。
                何も設定しなければ、リクエストはこの 3 つにばらばらに届きます。
                この回では Istio の DestinationRule と VirtualService を使って、まず全リクエストを v1 に集め、
                次に 80% を v1、20% を v3 に流すカナリアリリースを行います。
                記事中の出力はすべて、このレッスンを実際に実行して観測したものです。""")

            .explain("DestinationRule と VirtualService の役割", """
                *DestinationRule* は、ひとつのサービスの Pod をラベルで束ねて名前を付けます。この束を *subset* と呼びます。
                reviews なら `version: v1` のラベルを持つ Pod を subset `v1` に、というように分けます。

                *VirtualService* は、あるホスト宛てのリクエストを「どの subset に、どの割合で」送るかを決めます。
                ルールは上から順に調べられ、最初に当てはまったものが使われます。

                リクエストは次の順にたどります。

                . 呼び出し側の Pod のサイドカー(Envoy)がリクエストを受け取る
                . VirtualService のルールで送り先の subset を決める(weight があれば、リクエストごとにくじを引く)
                . DestinationRule の subset 定義から、その subset に属する Pod を選ぶ
                . 選ばれた Pod にリクエストが届く

                DestinationRule が「分け方」、VirtualService が「振り分け方」と覚えておくとよいでしょう。""")

            .deploy("Bookinfo をデプロイする", """
                まず名前空間にサイドカー自動注入のラベル `istio-injection=enabled` を付け、Bookinfo をデプロイします。
                productpage・details・ratings が各 1 バージョン、reviews が v1(星なし)・v2(黒い星)・v3(赤い星)の 3 バージョンです。
                あわせて、メッシュの中からリクエストを送るためのクライアント fortio もデプロイします。
                各 Pod がアプリのコンテナと istio-proxy の 2 つを持ち、READY が `2/2` になれば準備完了です。""",
                "bookinfo.yaml", "fortio.yaml")

            .apply("DestinationRule で subset を定義する", """
                reviews の Pod を `version` ラベルで v1・v2・v3 の 3 つの subset に分けます。
                この時点ではまだ振り分け方を決めていないので、トラフィックの流れは変わりません。""",
                "reviews-destination-rule.yaml")

            .apply("VirtualService で reviews を v1 に固定する", """
                reviews 宛てのリクエストをすべて subset `v1` に送る VirtualService を適用します。
                ルールは 1 つ、送り先も 1 つなので、weight を書かなくても 100% が v1 に向かいます。""",
                "reviews-v1-only.yaml")

            .readerLoop("v1 だけが返ることを確かめる", """
                fortio の Pod から productpage に 5 回アクセスし、ページに表示される「Reviews served by:」の Pod 名から
                バージョンを取り出します。すべて `reviews-v1` になるはずです。""", 5)

            .checkSplit("まとめて送って v1 への固定を確かめる", """
                5 回では偶然もありえるので、まとめてリクエストを送り、応答をすべて数えます。
                VirtualService が v1 に 100% を割り当てているので、v1 以外が 1 件でも混ざれば不合格です。""")

            .apply("80/20 のカナリアに切り替える", """
                同じ名前の VirtualService を、v1 に weight 80、v3 に weight 20 を割り当てる内容で上書きします。
                weight は相対値で、Envoy はリクエストごとに独立にくじを引いて送り先を決めます。
                順番に 8 回と 2 回を繰り返すわけではないので、短い区間では比率がぶれます。""",
                "reviews-canary.yaml")

            .readerLoop("10 回アクセスして混ざり方を見る", """
                もう一度 fortio からアクセスします。今度は 10 回です。
                おおよそ 8 対 2 で `reviews-v1` と `reviews-v3` が混ざりますが、10 回程度ではちょうど 8:2 になるとは限りません。
                ここで確かめるのは、v2 のような割り当てていないバージョンが現れないことです。""", 10)

            .checkSplit("まとめて送って割合を確かめる", """
                大量に送れば、観測される割合は weight に近づきます。
                期待する割合はレッスンに書き込まず、適用した VirtualService の weight から読み取ります。
                weight を 50/50 などに書き換えて実行し直しても、その値に対して判定されます。
                判定には正確二項検定を使い、正しいメッシュが誤って不合格になる確率を 100 万分の 1 以下に抑えています。""")

            .explain("カナリアリリースの進め方", """
                実際のリリースでは、新しいバージョンへの割合を段階的に上げていきます。

                . まず 10% 程度を新バージョンに流し、エラー率や応答時間を監視する
                . 問題がなければ 20% → 50% → 100% と weight を書き換えていく
                . 問題が見つかったら、新バージョンの weight をすぐ 0 に戻す(VirtualService を 1 回適用するだけで済む)

                Deployment のローリングアップデートは Pod を順に入れ替えるので、旧バージョンと新バージョンの比率は
                Pod 数で決まり、途中で止めても細かく調整できません。
                Istio の重み付きルーティングなら、旧版と新版を並べて動かしたまま、Pod 数とは関係なく好きな比率でトラフィックを分けられます。""")

            .cleanup("後片付け", """
                作ったものを新しい順に削除し、何も残っていないことを確かめます。""")

            .explain("まとめ", """
                * DestinationRule はサービスの Pod をラベルで subset に分ける。
                * VirtualService はリクエストをどの subset に送るかを決める。weight は相対値で、リクエストごとのくじで効く。
                * subset の定義(DestinationRule)と振り分け(VirtualService)を分けておくと、
                  VirtualService を書き換えるだけで、固定・カナリア・切り戻しを素早く行える。

                次の回では、ユーザーごとにルートを変える方法を扱います。""");
    }
}
