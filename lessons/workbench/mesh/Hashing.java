package workbench.mesh;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit string hash for consistent hashing (FNV-1a, then the murmur3 finalizer to spread the bits). Envoy
 * uses xxHash64; only the properties matter here (stable, well spread), not which endpoint a key lands on.
 */
final class Hashing {
    private Hashing() {}

    static long hash64(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
