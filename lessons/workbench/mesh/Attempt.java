package workbench.mesh;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

/** How one upstream try ended: with response headers, with a reset, or cut off by a deadline. */
sealed interface Attempt {

    record Answered(MeshResponse response) implements Attempt {}

    /** {@code started}: bytes of the request had reached the upstream (Envoy's upstream_request_started). */
    record Reset(ResetReason reason, String transportFailure, boolean started) implements Attempt {}

    record TimedOut() implements Attempt {}

    /** The JDK client's failures in Envoy's terms; a refused connection reads like Envoy's "delayed connect error". */
    static Attempt of(IOException e) {
        if (e instanceof HttpConnectTimeoutException) return new Reset(ResetReason.CONNECTION_TIMEOUT, "", false);
        if (e instanceof HttpTimeoutException) return new TimedOut();
        if (e instanceof SocketTimeoutException) {
            return e.getMessage() != null && e.getMessage().contains("connect")
                    ? new Reset(ResetReason.CONNECTION_TIMEOUT, "", false) : new TimedOut();
        }
        if (e instanceof ConnectException) {
            return new Reset(ResetReason.REMOTE_CONNECTION_FAILURE, "delayed connect error: Connection refused", false);
        }
        return new Reset(ResetReason.CONNECTION_TERMINATION, "", true);
    }
}
