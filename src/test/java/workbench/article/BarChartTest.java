package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    @Test
    void drawsOneBarPerVersionWithItsShareAndTheExpectedMark() {
        String svg = BarChart.svg("split", List.of(new BarChart.Bar("v1", 0.803, 0.8), new BarChart.Bar("v3", 0.197, 0.2)), Language.JA);
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>");
        assertThat(svg).contains(">v1</text>", ">80.3%</text>", ">v3</text>", ">19.7%</text>");
        assertThat(svg.split("class=\"obs bar\"", -1)).hasSize(2 + 1);
        assertThat(svg.split("class=\"track\" x=\"110\" y=\"\\d+\" width=\"330\"", -1)).as("a 100%% track behind each bar").hasSize(2 + 1);
        assertThat(svg.split("class=\"exp\"", -1)).hasSize(2 + 1 + 1);
        assertThat(svg).contains("width=\"265\""); // 0.803 of 330 px
    }

    @Test
    void legendIsInTheReadersLanguage() {
        List<BarChart.Bar> bars = List.of(new BarChart.Bar("v1", 1, 1));
        assertThat(BarChart.svg("split", bars, Language.JA)).contains(">観測</text>", ">期待値 (VirtualService の weight)</text>");
        assertThat(BarChart.svg("split", bars, Language.EN)).contains(">observed</text>", ">expected (the VirtualService's weights)</text>")
                .doesNotContainPattern("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");
    }

    @Test
    void escapesLabels() {
        String svg = BarChart.svg("a<b", List.of(new BarChart.Bar("<v1>", 1, -1)), Language.JA);
        assertThat(svg).contains("&lt;v1&gt;", "aria-label=\"a&lt;b\"");
        assertThat(svg.split("class=\"exp\"", -1)).as("no expected mark, only the legend's").hasSize(1 + 1);
    }
}
