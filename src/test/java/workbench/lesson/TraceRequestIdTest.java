package workbench.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The x-request-id the trace step sends already carries Envoy's "sampled" mark, '9' at character 14 (Envoy's
 * source/extensions/request_id/uuid/config.h: TRACE_BYTE_POSITION = 14, TRACE_SAMPLED = '9'), so a real sidecar that
 * samples the request leaves the id, and the spans' guid:x-request-id tag, as sent.
 */
class TraceRequestIdTest {

    @Test
    void theIdIsTheUuidWithTheSampledMarkAndNothingElseChanged() {
        UUID uuid = UUID.nameUUIDFromBytes("lesson02 trace 20261130 0".getBytes());
        String id = TraceCheck.sampledRequestId(uuid);
        assertThat(uuid.toString().charAt(14)).as("a name-based UUID is version 3").isEqualTo('3');
        assertThat(id).hasSize(36).matches("[0-9a-f]{8}-[0-9a-f]{4}-9[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(id.substring(0, 14) + id.substring(15)).isEqualTo(uuid.toString().substring(0, 14) + uuid.toString().substring(15));
    }
}
