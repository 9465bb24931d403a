package workbench.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import workbench.article.Language;
import workbench.article.LessonArticle.StampEntry;
import workbench.backend.embedded.EmbeddedBackend;

class RunStampTest {
    private static final OffsetDateTime STARTED = OffsetDateTime.of(2026, 11, 30, 3, 30, 5, 123_000_000, ZoneOffset.UTC);
    private static final Pattern JAPANESE = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");

    private static List<StampEntry> embeddedStamp(Language language) {
        try (EmbeddedBackend backend = new EmbeddedBackend(42, "default")) {
            Map<String, String> timings = new LinkedHashMap<>();
            timings.put("bulk 1", "2,000 requests in 1.00 s (2000 req/s)");
            return RunStamp.of("lesson03", backend.name(), backend.stamp(), java.util.OptionalInt.of(2000), timings, STARTED, Duration.ofMillis(6543), language);
        }
    }

    @Test
    void japaneseStampHasJapaneseLabelsExceptForProperNames() {
        List<StampEntry> ja = embeddedStamp(Language.JA);
        assertThat(ja).extracting(StampEntry::label).containsExactly(
                "バックエンド", "模している環境", "シード", "トレースの設定", "レッスン", "言語", "一括チェック 1 回のリクエスト数", "一括チェック 1", "日時", "所要時間", "Java");
        assertThat(ja).filteredOn(StampEntry::atTop).extracting(StampEntry::label).containsExactly("バックエンド", "シード", "日時");
        assertThat(ja.get(0).value()).isEqualTo("embedded(JVM の中で模したメッシュ)");
        assertThat(ja).filteredOn(e -> e.label().equals("所要時間")).extracting(StampEntry::value).containsExactly("6.5 秒");
        assertThat(ja).filteredOn(e -> e.label().equals("日時")).extracting(StampEntry::value).containsExactly("2026-11-30T03:30:05Z");
    }

    @Test
    void englishStampUsesTheKeysAndEnglishValues() {
        List<StampEntry> en = embeddedStamp(Language.EN);
        assertThat(en).extracting(StampEntry::label).contains("backend", "emulates", "seed", "date", "duration", "bulk 1");
        assertThat(en).allSatisfy(e -> assertThat(JAPANESE.matcher(e.label() + e.value()).find()).as(e.toString()).isFalse());
        assertThat(en.get(0).value()).isEqualTo("embedded (a mesh emulated inside the JVM)");
    }

    /** The cluster backends cannot start here, so their stamp keys are read from their source: each needs a label. */
    @Test
    void everyKeyAnyBackendStampsHasAJapaneseLabel() throws IOException {
        Pattern put = Pattern.compile("\\bs\\.put\\(\"([^\"]+)\"");
        List<String> keys = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("lessons/workbench/backend"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Backend.java")).toList()) {
                Matcher m = put.matcher(Files.readString(f));
                while (m.find()) keys.add(m.group(1));
            }
        }
        assertThat(keys).contains("emulates", "seed", "k3s image", "istio install", "context");
        assertThat(keys).allSatisfy(k -> assertThat(RunStamp.hasJapaneseLabel(k)).as("Japanese label for stamp key '%s'", k).isTrue());
        assertThat(RunStamp.label("time: k3s start", Language.JA)).isEqualTo("k3s start の所要時間");
        assertThat(RunStamp.label("waited: istiod ready", Language.JA)).isEqualTo("istiod ready を待った時間");
    }
}
