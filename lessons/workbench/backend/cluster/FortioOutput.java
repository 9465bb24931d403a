package workbench.backend.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code fortio curl -quiet URL} printed. Fortio (1.69) writes the response headers to
 * stderr and the body to stdout, exactly as received, so a chunked body still carries its chunk
 * framing; error logs (non-200 status, connection failures) also go to stderr.
 */
public final class FortioOutput {
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/\\d(?:\\.\\d)?\\s+(\\d{3})");
    private static final Pattern CHUNKED = Pattern.compile("(?im)^transfer-encoding:\\s*chunked\\s*$");

    /** One fetch: the status (empty when no response came back), the body, and fortio's stderr. */
    public record Response(Optional<Integer> status, String body, String stderr) {}

    private FortioOutput() {}

    public static Response parse(byte[] stdout, String stderr) {
        String err = stderr == null ? "" : stderr;
        Optional<Integer> status = Optional.empty();
        Matcher m = STATUS_LINE.matcher(err);
        if (m.find()) status = Optional.of(Integer.parseInt(m.group(1)));
        byte[] body = CHUNKED.matcher(err).find() ? dechunk(stdout) : stdout;
        return new Response(status, new String(body, StandardCharsets.UTF_8), err);
    }

    /** Removes HTTP/1.1 chunk framing; returns the input unchanged when it is not well-formed chunked data. */
    static byte[] dechunk(byte[] raw) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length);
        int i = 0;
        while (i < raw.length) {
            int lineEnd = indexOfCrlf(raw, i);
            if (lineEnd < 0) return raw;
            String sizeField = new String(raw, i, lineEnd - i, StandardCharsets.US_ASCII).trim();
            int semicolon = sizeField.indexOf(';');
            if (semicolon >= 0) sizeField = sizeField.substring(0, semicolon);
            int size;
            try {
                size = Integer.parseInt(sizeField.toLowerCase(Locale.ROOT), 16);
            } catch (NumberFormatException e) {
                return raw;
            }
            int dataStart = lineEnd + 2;
            if (size == 0) return out.toByteArray();
            if (dataStart + size > raw.length) return raw;
            out.write(raw, dataStart, size);
            i = dataStart + size + 2; // the CRLF after the chunk data
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] b, int from) {
        for (int i = from; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') return i;
        }
        return -1;
    }
}
