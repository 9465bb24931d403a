package workbench.bookinfo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import workbench.mesh.MeshRequest;

/** productpage's login session, kept in a cookie as Flask does (unsigned here: the emulator trusts itself). */
final class Session {
    private Session() {}

    static String cookieFor(String user) {
        return "session=" + Base64.getUrlEncoder().withoutPadding().encodeToString(user.getBytes(StandardCharsets.UTF_8)) + "; Path=/";
    }

    static Optional<String> user(MeshRequest request) {
        String cookie = request.header("cookie");
        if (cookie == null) return Optional.empty();
        for (String part : cookie.split(";\\s*")) {
            if (part.startsWith("session=") && part.length() > "session=".length()) {
                try {
                    return Optional.of(new String(Base64.getUrlDecoder().decode(part.substring(8)), StandardCharsets.UTF_8))
                            .filter(u -> !u.isEmpty());
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
