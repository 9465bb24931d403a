package workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** JBang and Maven must build the same thing: same libraries at the same versions, every lesson in the catalog. */
class DependenciesTest {

    @Test
    void jbangDepsMatchThePomsVersions() throws IOException {
        Map<String, String> jbang = new TreeMap<>();
        Matcher deps = Pattern.compile("(?m)^//DEPS ([^:\\s]+:[^:\\s]+):(\\S+)$")
                .matcher(Files.readString(Path.of("lessons/workbench/Dependencies.java")));
        while (deps.find()) jbang.put(deps.group(1), deps.group(2));

        String pom = Files.readString(Path.of("pom.xml"));
        Map<String, String> properties = new TreeMap<>();
        Matcher props = Pattern.compile("<([a-z0-9.-]+\\.version)>([^<]+)</").matcher(pom);
        while (props.find()) properties.put(props.group(1), props.group(2));

        assertThat(jbang).isNotEmpty();
        for (var dep : jbang.entrySet()) {
            String artifact = dep.getKey().substring(dep.getKey().indexOf(':') + 1);
            Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifact) + "</artifactId>\\s*(?:<version>\\$\\{([^}]+)}</version>)?").matcher(pom);
            assertThat(m.find()).as("%s is in pom.xml", dep.getKey()).isTrue();
            String version = m.group(1) != null ? properties.get(m.group(1)) : properties.get("jackson.version");
            assertThat(version).as("version of %s", dep.getKey()).isEqualTo(dep.getValue());
        }
    }

    @Test
    void everyLessonScriptIsInTheCatalogAndEveryAliasPointsAtAScript() throws IOException {
        JsonNode catalog = new ObjectMapper().readTree(Path.of("jbang-catalog.json").toFile());
        assertThat(catalog.path("catalogs").path("catalog").path("catalog-ref").asText()).isEqualTo("jbang-catalog.json");
        Map<String, String> aliases = new TreeMap<>();
        catalog.path("aliases").properties().forEach(e -> aliases.put(e.getKey(), e.getValue().path("script-ref").asText()));
        aliases.values().forEach(script -> assertThat(Path.of(script)).isRegularFile());
        try (Stream<Path> scripts = Files.list(Path.of("lessons"))) {
            scripts.filter(p -> p.toString().endsWith(".java")).forEach(p ->
                    assertThat(aliases.values()).as("catalog alias for %s", p).contains("lessons/" + p.getFileName()));
        }
    }

    @Test
    void everyLessonScriptPullsInTheSharedSourcesAndTheirDeps() throws IOException {
        try (Stream<Path> scripts = Files.list(Path.of("lessons"))) {
            for (Path p : scripts.filter(f -> f.toString().endsWith(".java")).toList()) {
                // workbench/**.java also matches files directly in workbench/ (Dependencies.java with the //DEPS)
                assertThat(Files.readString(p)).as(p.toString()).contains("//SOURCES workbench/**.java");
            }
        }
    }
}
