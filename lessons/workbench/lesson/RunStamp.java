package workbench.lesson;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import workbench.article.Language;
import workbench.article.LessonArticle.StampEntry;

/**
 * The run stamp in the reader's language: what ran (the backend's own facts), the lesson, the request count,
 * when and how long. The backends and steps name their facts with short English keys; this is where those
 * keys get their Japanese labels, so a new key without one shows up in {@code RunStampTest}.
 */
final class RunStamp {
    /** key → Japanese label; the English label is the key itself. */
    private static final Map<String, String> JA_LABELS = Map.ofEntries(
            Map.entry("backend", "バックエンド"),
            Map.entry("emulates", "模している環境"),
            Map.entry("seed", "シード"),
            Map.entry("context", "コンテキスト"),
            Map.entry("reused", "再利用"),
            Map.entry("k3s image", "k3s のイメージ"),
            Map.entry("kubernetes", "Kubernetes"),
            Map.entry("istio", "Istio"),
            Map.entry("istio install", "Istio の入れ方"),
            Map.entry("tracing", "トレースの設定"),
            Map.entry("addons", "アドオン"),
            Map.entry("namespace", "名前空間"),
            Map.entry("lesson", "レッスン"),
            Map.entry("language", "言語"),
            Map.entry("requests per bulk check", "一括チェック 1 回のリクエスト数"),
            Map.entry("date", "日時"),
            Map.entry("duration", "所要時間"),
            Map.entry("java", "Java"));
    /** Shown again in the line under the article's title. */
    private static final Set<String> AT_TOP = Set.of("backend", "seed", "date");

    private final Language language;
    private final List<StampEntry> entries = new ArrayList<>();

    private RunStamp(Language language) { this.language = language; }

    /** The stamp of a finished run: the backend's facts first, then the run's own ({@code bulkRequests} when it made bulk checks). */
    static List<StampEntry> of(String lessonId, String backendName, Map<String, String> backendFacts, java.util.OptionalInt bulkRequests,
            Map<String, String> timings, OffsetDateTime started, Duration took, Language language) {
        RunStamp s = new RunStamp(language);
        s.add("backend", describe(backendName, language));
        backendFacts.forEach(s::add);
        s.add("lesson", lessonId);
        s.add("language", language.code());
        bulkRequests.ifPresent(n -> s.add("requests per bulk check", Integer.toString(n))); // only runs that made bulk checks
        timings.forEach(s::add);
        s.add("date", date(started));
        s.add("duration", String.format(Locale.ROOT, language.pick("%.1f 秒", "%.1f s"), took.toMillis() / 1000.0));
        s.add("java", System.getProperty("java.version"));
        return List.copyOf(s.entries);
    }

    /** The run's start as the stamp and the run record show it: local wall-clock time with its UTC offset. */
    static String date(OffsetDateTime started) {
        return started.withNano(0).toString();
    }

    /** What the backend is, in a few words of the reader's language. */
    static String describe(String backendName, Language language) {
        return backendName + switch (backendName) {
            case "embedded" -> language.pick("(JVM の中で模したメッシュ)", " (a mesh emulated inside the JVM)");
            case "k3s" -> language.pick("(Docker の中の使い捨て Kubernetes)", " (a throwaway Kubernetes in Docker)");
            case "kubeconfig" -> language.pick("(あなたのクラスタ)", " (your own cluster)");
            default -> "";
        };
    }

    /** The label of a stamp key in a language; phase timings ("time: k3s start"), waits ("waited: …") bulk runs ("bulk 1") and their warm-ups ("warm-up 1") by pattern. */
    static String label(String key, Language language) {
        if (language == Language.EN) return key;
        if (key.startsWith("time: ")) return key.substring("time: ".length()) + " の所要時間";
        if (key.startsWith("waited: ")) return key.substring("waited: ".length()) + " を待った時間";
        if (key.matches("bulk \\d+")) return "一括チェック " + key.substring("bulk ".length());
        if (key.matches("warm-up \\d+")) return "ウォームアップ " + key.substring("warm-up ".length());
        return JA_LABELS.getOrDefault(key, key);
    }

    /** Whether a key has a label of its own in Japanese (not just the key shown as is). */
    static boolean hasJapaneseLabel(String key) {
        return key.startsWith("time: ") || key.startsWith("waited: ") || key.matches("(bulk|warm-up) \\d+") || JA_LABELS.containsKey(key);
    }

    private void add(String key, String value) {
        entries.add(new StampEntry(label(key, language), value, AT_TOP.contains(key)));
    }
}
