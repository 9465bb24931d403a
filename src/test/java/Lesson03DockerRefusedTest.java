import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import workbench.testing.FakeDockerHost;
import workbench.testing.FakeDockerHost.Behaviour;

/**
 * Lesson 03 as a reader runs it (its own JVM, so Testcontainers sees a fresh DOCKER_HOST) on a machine whose
 * DOCKER_HOST points at something that is not a Docker engine: a loopback port answering garbage, or one that
 * accepts and hangs. {@code --backend auto} must fall back to the embedded mesh within 30 s, say why, and pass;
 * {@code --backend k3s} must stop with exit 2 and the reason. The four runs are child processes that mostly wait (on a
 * hanging Docker check, on the canary's injected delay), so they run side by side; each has its own fake Docker host
 * and output directory.
 */
@Execution(ExecutionMode.CONCURRENT)
class Lesson03DockerRefusedTest {
    static final Duration FALLBACK_WITHIN = Duration.ofSeconds(30);
    private static final Path ROOT = Path.of(System.getProperty("workbench.root", "."));

    record Run(int exit, String output, Duration untilBackendLine) {}

    @ParameterizedTest
    @EnumSource(Behaviour.class)
    void autoFallsBackToEmbeddedSaysWhyAndPasses(Behaviour behaviour) throws Exception {
        try (FakeDockerHost docker = new FakeDockerHost(behaviour)) {
            Run run = lesson(docker, "auto", "--requests", "300", "--seed", "5");
            assertThat(run.untilBackendLine()).as(run.output()).isLessThan(FALLBACK_WITHIN);
            assertThat(run.output()).contains("backend: auto: no Docker engine answered (DOCKER_HOST=" + docker.dockerHost() + ")",
                    "using the embedded mesh").containsPattern("PASSED: \\d+ checks, 0 failed");
            assertThat(run.exit()).as(run.output()).isZero();
            String html = Files.readString(outDir(behaviour, "auto").resolve("lesson03.html"));
            assertThat(html).as("the article says why it ran on the emulator").contains("DOCKER_HOST=" + docker.dockerHost());
        }
    }

    @ParameterizedTest
    @EnumSource(Behaviour.class)
    void explicitK3sExitsTwoWithTheReason(Behaviour behaviour) throws Exception {
        try (FakeDockerHost docker = new FakeDockerHost(behaviour)) {
            Run run = lesson(docker, "k3s");
            assertThat(run.exit()).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains("error: --backend k3s needs Docker, but no Docker engine answered (DOCKER_HOST="
                    + docker.dockerHost() + ")").doesNotContain("\tat ");
            assertThat(run.untilBackendLine()).isLessThan(FALLBACK_WITHIN);
        }
    }

    private static Path outDir(Behaviour behaviour, String backend) {
        return ROOT.resolve("target/lesson-tests/docker-refused-" + behaviour.name().toLowerCase() + "-" + backend);
    }

    /** Runs the lesson in a child JVM with DOCKER_HOST set; the clock stops at the line naming the backend (or the error). */
    private static Run lesson(FakeDockerHost docker, String backend, String... extra) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-cp", classpath, "Lesson03TrafficManagement", "--backend", backend, "--out", outDir(docker.behaviour(), backend).toString()));
        command.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", docker.dockerHost());
        long t0 = System.nanoTime();
        Process p = pb.start();
        StringBuilder out = new StringBuilder();
        long[] untilBackend = {-1};
        Thread reader = new Thread(() -> {
            try (var lines = p.inputReader(StandardCharsets.UTF_8)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (out) { out.append(line).append('\n'); }
                    if (untilBackend[0] < 0 && (line.startsWith("backend:") || line.startsWith("error:"))) {
                        untilBackend[0] = System.nanoTime() - t0;
                    }
                }
            } catch (IOException ignored) {
                // the child was killed: what it printed so far is in out
            }
        });
        reader.start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("the lesson did not end within 2 minutes:\n" + out);
        }
        reader.join();
        System.out.printf("%s --backend %s: backend line after %.1f s, exit %d%n", docker.behaviour(), backend,
                untilBackend[0] / 1e9, p.exitValue());
        return new Run(p.exitValue(), out.toString(), untilBackend[0] < 0 ? Duration.ofDays(1) : Duration.ofNanos(untilBackend[0]));
    }
}
