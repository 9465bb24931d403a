package workbench.mesh;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sidecar's access log in Istio's default text format (meshConfig.accessLogFormat unset):
 * {@code [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONSE_CODE%
 * %RESPONSE_FLAGS% %RESPONSE_CODE_DETAILS% %CONNECTION_TERMINATION_DETAILS% "%UPSTREAM_TRANSPORT_FAILURE_REASON%"
 * %BYTES_RECEIVED% %BYTES_SENT% %DURATION% ... "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%" %UPSTREAM_CLUSTER_RAW% ...}.
 * The emulator fills the fields it knows and writes "-" for the addresses it has no equivalent of. It keeps the
 * newest {@value #CAPACITY} lines, like a container log that has been rotated.
 */
public final class AccessLog {
    static final int CAPACITY = 100_000;
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern LINE = Pattern.compile("^\\[[^\\]]*\\] \"([A-Z]+) (\\S+) [^\"]*\" (\\d{3}) (\\S+) ");

    /** What the lesson reads back from one line: the request, the status and the response flags. */
    public record Entry(String method, String path, int status, String flags) {}

    /** What one request leaves for its line; the text is written only when someone reads the log. */
    private record Written(Instant start, String method, String path, int bodyLength, String userAgent, String requestId,
                           String authority, int status, String flags, long durationMillis, String cluster) {
        String line() {
            String details = switch (flags) {
                case "UO" -> "upstream_reset_before_response_started{overflow}";
                case "UH" -> "no_healthy_upstream";
                case "UT" -> "response_timeout";
                case "-" -> "via_upstream";
                default -> "upstream_reset_before_response_started";
            };
            return "[" + START_TIME.format(start) + "] \"" + method + " " + path + " HTTP/1.1\" "
                    + status + " " + flags + " " + details + " - \"-\" " + bodyLength + " - " + durationMillis + " - \"-\" \""
                    + orDash(userAgent) + "\" \"" + orDash(requestId) + "\" \""
                    + authority + "\" \"-\" " + cluster + " - - - - default";
        }
    }

    private final Deque<Written> lines = new ArrayDeque<>();

    synchronized void write(Instant start, MeshRequest request, int status, String flags, long durationMillis, String cluster) {
        lines.addLast(new Written(start, request.method(), request.path(), request.body().length(), request.header("user-agent"),
                request.header("x-request-id"), request.authority(), status, flags, durationMillis, cluster));
        if (lines.size() > CAPACITY) lines.removeFirst();
    }

    public synchronized List<String> lines() { return lines.stream().map(Written::line).toList(); }

    private static String orDash(String s) { return s == null || s.isEmpty() ? "-" : s; }

    /** Reads a line of Istio's default access-log format; empty for anything else (Envoy's own log lines). */
    public static Optional<Entry> parse(String line) {
        Matcher m = LINE.matcher(line);
        if (!m.find()) return Optional.empty();
        return Optional.of(new Entry(m.group(1), m.group(2), Integer.parseInt(m.group(3)), m.group(4)));
    }
}
