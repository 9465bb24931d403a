package workbench.kube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image references as Docker reads them: [registry/]repository[:tag][@digest], "library/" implied for official images. */
class ImageRefTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            nginx:1.27.5                              | nginx           | 1.27.5
            docker.io/library/nginx:1.27.5            | nginx           | 1.27.5
            nginx                                     | nginx           | ''
            docker.io/istio/proxyv2:1.28.10           | istio/proxyv2   | 1.28.10
            localhost:5000/curlimages/curl:8.11.1     | curlimages/curl | 8.11.1
            curlimages/curl@sha256:abc                | curlimages/curl | ''
            """)
    void repositoryAndTag(String image, String repository, String tag) {
        assertThat(ImageRef.repository(image)).isEqualTo(repository);
        assertThat(ImageRef.tag(image).orElse("")).isEqualTo(tag);
    }
}
