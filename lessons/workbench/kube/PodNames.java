package workbench.kube;

import java.util.random.RandomGenerator;

/** Pod names the way a Deployment's ReplicaSet makes them: {@code reviews-v1-7f9c8d6b5c-x2x9q}. */
public final class PodNames {
    /** Kubernetes' alphabet for generated names: no vowels, no look-alike characters. */
    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private PodNames() {}

    public static String forDeployment(String deployment, String templateFingerprint, RandomGenerator random) {
        return deployment + "-" + templateHash(templateFingerprint) + "-" + randomSuffix(random);
    }

    /** Stable for one pod template, like pod-template-hash (derived from the template, not random). */
    static String templateHash(String fingerprint) {
        long h = 1125899906842597L;
        for (char c : fingerprint.toCharArray()) h = 31 * h + c;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            out.append(ALPHABET.charAt((int) Math.floorMod(h, (long) ALPHABET.length())));
            h = h / ALPHABET.length() + 0x9E3779B97F4A7C15L * (i + 1);
        }
        return out.toString();
    }

    static String randomSuffix(RandomGenerator random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5; i++) out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return out.toString();
    }
}
