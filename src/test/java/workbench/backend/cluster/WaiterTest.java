package workbench.backend.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import workbench.backend.BackendException;

class WaiterTest {
    /** Time that passes only when the waiter sleeps. */
    private static final class FakeClock implements Waiter.Clock {
        long now;
        int sleeps;

        @Override public long nanos() { return now; }

        @Override public void sleep(Duration d) {
            now += d.toNanos();
            sleeps++;
        }
    }

    private final FakeClock clock = new FakeClock();
    private final Waiter waiter = new Waiter(clock, Duration.ofSeconds(1));

    @Test
    void returnsHowLongItTookOnceTheConditionHolds() {
        AtomicInteger calls = new AtomicInteger();
        Duration took = waiter.until(new Waiter.Wait("istiod", Duration.ofMinutes(1),
                () -> calls.incrementAndGet() < 4 ? Optional.of("0/1 ready") : Optional.empty(), "wait", null));
        assertThat(took).isEqualTo(Duration.ofSeconds(3));
        assertThat(calls).hasValue(4);
    }

    @Test
    void timeoutSaysWhatWasWaitedForWhatIsMissingAndWhatToDo() {
        assertThatThrownBy(() -> waiter.until(new Waiter.Wait("the istiod Deployment in istio-system to be ready", Duration.ofMinutes(6),
                () -> Optional.of("Deployment istiod: 0/1 replicas ready"), "look for ImagePullBackOff",
                () -> "Recent events in namespace istio-system:\n  ... FailedScheduling: 0/1 nodes: Insufficient memory\n")))
                .isInstanceOf(BackendException.class)
                .hasMessageStartingWith("Timed out after 6 min waiting for the istiod Deployment in istio-system to be ready.")
                .hasMessageContaining("Still missing: Deployment istiod: 0/1 replicas ready")
                .hasMessageContaining("What to do: look for ImagePullBackOff")
                .hasMessageContaining("Insufficient memory");
        assertThat(clock.sleeps).isEqualTo(360);
    }

    @Test
    void aHopelessStateStopsAtOnceWithDiagnostics() {
        assertThatThrownBy(() -> waiter.until(new Waiter.Wait("Bookinfo pods", Duration.ofMinutes(10),
                () -> { throw new BackendException("rate limited"); }, "wait", () -> "events here")))
                .isInstanceOf(BackendException.class)
                .hasMessage("Stopped waiting for Bookinfo pods: rate limited\nevents here");
        assertThat(clock.sleeps).isZero();
    }

    @Test
    void aFailedApiCallIsRetriedNotFatal() {
        AtomicInteger calls = new AtomicInteger();
        waiter.until(new Waiter.Wait("x", Duration.ofMinutes(1), () -> {
            if (calls.incrementAndGet() == 1) throw new IllegalStateException("connection reset");
            return Optional.empty();
        }, "", null));
        assertThat(calls).hasValue(2);
    }

    @Test
    void diagnosticsThatFailAreReportedNotThrown() {
        assertThatThrownBy(() -> waiter.until(new Waiter.Wait("x", Duration.ofSeconds(2), () -> Optional.of("no"), "retry",
                () -> { throw new IllegalStateException("forbidden"); })))
                .hasMessageEndingWith("(could not gather diagnostics: forbidden)");
    }

    @Test
    void durationsReadLikeAPerson() {
        assertThat(Waiter.human(Duration.ofSeconds(90))).isEqualTo("1 min 30 s");
        assertThat(Waiter.human(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(Waiter.human(Duration.ofMinutes(15))).isEqualTo("15 min");
    }

    @Test
    void whatWasWaitedForIsKeptForTheRunStamp() {
        waiter.until(new Waiter.Wait("istiod to be ready", Duration.ofMinutes(1), Optional::empty, "wait", null));
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            waiter.until(new Waiter.Wait("routes in every sidecar", Duration.ofMinutes(1),
                    () -> calls.incrementAndGet() % 3 != 0 ? Optional.of("not yet") : Optional.empty(), "wait", null));
        }
        assertThat(waiter.stampEntries()).containsExactly(
                java.util.Map.entry("waited: istiod to be ready", "0.0 s"),
                java.util.Map.entry("waited: routes in every sidecar", "4.0 s over 2 waits"));
    }
}
