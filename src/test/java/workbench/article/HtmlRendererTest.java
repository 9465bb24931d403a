package workbench.article;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlRendererTest {

    @Test
    void theGemPathNamesTheAsciidoctorGemThePinnedAsciidoctorJCarries() {
        // a new AsciidoctorJ bundles another gem version: the renderer would still work, through RubyGems, only slower
        assertThat(HtmlRenderer.class.getClassLoader().getResource(HtmlRenderer.ASCIIDOCTOR_GEM + "/asciidoctor.rb"))
                .as("asciidoctor.rb under %s in the AsciidoctorJ jar", HtmlRenderer.ASCIIDOCTOR_GEM)
                .isNotNull();
    }
}
