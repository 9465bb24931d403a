package workbench.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats). */
class PrometheusTextTest {

    @Test
    void readsNamesLabelsValuesCommentsAndSpecialValues() {
        List<Sample> samples = PrometheusText.parse("""
                # HELP x help text
                # TYPE x counter
                x_total{a="1",b="two"} 42
                y 3.5 1700000000000
                z_bucket{le="+Inf"} +Inf
                nan NaN
                """);
        assertThat(samples).containsExactly(
                new Sample("x_total", Map.of("a", "1", "b", "two"), 42),
                new Sample("y", Map.of(), 3.5),
                new Sample("z_bucket", Map.of("le", "+Inf"), Double.POSITIVE_INFINITY),
                new Sample("nan", Map.of(), Double.NaN));
    }

    @Test
    void unescapesLabelValues() {
        assertThat(PrometheusText.parse("m{v=\"a\\\"b\\\\c\\nd\",w=\"x,y}\"} 1\n").get(0).labels())
                .containsEntry("v", "a\"b\\c\nd").containsEntry("w", "x,y}");
    }

    @Test
    void namesTheBadLine() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbroken{a=\"1\" 2\n"))
                .hasMessageStartingWith("metrics line 2: ");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=1} 2")).hasMessageContaining("no quoted value");
    }

    @Test
    void whatIstioMetricsWritesReadsBackTheSame() {
        IstioMetrics m = new IstioMetrics();
        Peer src = new Peer("productpage-v1", "default", "productpage", "v1");
        Peer dst = new Peer("reviews-v3", "default", "reviews", "v3");
        m.record(Reporter.DESTINATION, src, dst, "reviews.default.svc.cluster.local", 200, "-", 3.2);
        m.record(Reporter.DESTINATION, src, dst, "reviews.default.svc.cluster.local", 200, "-", 700);
        m.record(Reporter.DESTINATION, src, dst, "reviews.default.svc.cluster.local", 503, "UH", 0.2);
        Scrape scrape = Scrape.of(Map.of("reviews-v3-abc-12345", m.exposition()));
        Map<String, String> ok = Map.of("reporter", "destination", "destination_workload", "reviews-v3", "response_code", "200");
        assertThat(scrape.requests(ok)).isEqualTo(2);
        assertThat(scrape.requests(Map.of("response_flags", "UH", "response_code", "503"))).isEqualTo(1);
        Histogram h = scrape.durations(ok);
        assertThat(h.count()).isEqualTo(2);
        assertThat(h.cumulative()).containsEntry(5.0, 1.0).containsEntry(500.0, 1.0).containsEntry(1000.0, 2.0)
                .containsEntry(Double.POSITIVE_INFINITY, 2.0);
        assertThat(scrape.samples()).filteredOn(s -> s.name().equals(IstioMetrics.DURATION + "_sum"))
                .extracting(Sample::value).containsExactlyInAnyOrder(703.2, 0.2);
    }
}
