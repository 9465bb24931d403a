package workbench.mesh;

/** Why an upstream attempt ended without response headers, named as Envoy's resetReasonToString names it. */
public enum ResetReason {
    LOCAL_CONNECTION_FAILURE("local connection failure"),
    REMOTE_CONNECTION_FAILURE("remote connection failure"),
    CONNECTION_TIMEOUT("connection timeout"),
    CONNECTION_TERMINATION("connection termination"),
    LOCAL_RESET("local reset"),
    OVERFLOW("overflow"),
    REMOTE_RESET("remote reset"),
    REMOTE_REFUSED_STREAM_RESET("remote refused stream reset");

    private final String text;

    ResetReason(String text) { this.text = text; }

    public String text() { return text; }

    public boolean isConnectFailure() {
        return this == LOCAL_CONNECTION_FAILURE || this == REMOTE_CONNECTION_FAILURE || this == CONNECTION_TIMEOUT;
    }
}
