package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command behind {@code ClusterMesh.productPageFromFortio()}: fortio's curl with one -H per header (fortio's "-H key: value"). */
class FortioPagesTest {

    @Test
    void aPageWithoutHeadersIsAPlainFortioCurl() {
        assertThat(ClusterMesh.fortioCurl(ClusterMesh.PRODUCTPAGE_BASE + "/productpage", Map.of()))
                .containsExactly("fortio", "curl", "http://productpage:9080/productpage");
    }

    @Test
    void eachHeaderBecomesOneDashHInOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-request-id", "0d7c6f7e-1c2b-9a4d-8e5f-123456789abc");
        headers.put("end-user", "jason");
        assertThat(ClusterMesh.fortioCurl(ClusterMesh.PRODUCTPAGE_BASE + "/productpage?u=normal", headers)).containsExactly("fortio", "curl",
                "-H", "x-request-id: 0d7c6f7e-1c2b-9a4d-8e5f-123456789abc", "-H", "end-user: jason",
                "http://productpage:9080/productpage?u=normal");
    }
}
