package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        Japanese sentence across lines | 届きます。\\n何も設定しなければ | 届きます。何も設定しなければ
        kanji then kana                | 3 つの\\nバージョン       | 3 つのバージョン
        break after punctuation joins  | 使って、\\nVirtualService   | 使って、VirtualService
        kana then Latin keeps a space  | 使って\\nVirtualService     | 使って\\nVirtualService
        list items stay on their lines | 順にたどります。\\n\\n. 呼び出し | 順にたどります。\\n\\n. 呼び出し
        English keeps its spaces       | one line\\nnext line      | one line\\nnext line
        """)
    void joinsOnlyBreaksInsideJapaneseText(String name, String text, String joined) {
        assertThat(Prose.join(text.replace("\\n", "\n"))).isEqualTo(joined.replace("\\n", "\n"));
    }

    /**
     * Constrained marks apply only where the character outside is not a word character, and Japanese letters are
     * word characters (docs.asciidoctor.org, "Constrained and unconstrained pairs"); doubled marks apply anywhere.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        code between Japanese letters     | では`jbang lesson03@catalog --backend k3s`で | では``jbang lesson03@catalog --backend k3s``で
        code after Japanese, then a space | 自分のクラスタでは`--backend kubeconfig` で   | 自分のクラスタでは``--backend kubeconfig`` で
        bold touching Japanese            | これは*組み込みメッシュ*です                   | これは**組み込みメッシュ**です
        spaces around: left alone         | ラベル `istio-injection=enabled` を付け       | ラベル `istio-injection=enabled` を付け
        Japanese punctuation: left alone  | 「`v1`」と                                   | 「`v1`」と
        English: left alone               | run `mvn test` now                           | run `mvn test` now
        already unconstrained             | は``x``で                                    | は``x``で
        a lone asterisk is no mark        | 2 * 3 は*                                    | 2 * 3 は*
        two spans on one line             | は`a`と`b`で                                 | は``a``と``b``で
        """)
    void makesMarksThatTouchJapaneseUnconstrained(String name, String prose, String tidied) {
        assertThat(Prose.unconstrainNextToJapanese(prose)).isEqualTo(tidied);
    }
}
