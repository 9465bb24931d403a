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
}
