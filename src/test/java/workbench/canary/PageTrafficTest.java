package workbench.canary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import workbench.backend.PageClient;

/** The canary's load: one queue of requests shared by the callers, as a duration-bound load tester's workers share the load. */
class PageTrafficTest {

    @Test
    void whileOnePageIsHeldUpTheOtherCallersServeTheRestOfTheInterval() {
        int requests = 40;
        CountDownLatch othersServed = new CountDownLatch(requests - 1);
        AtomicInteger calls = new AtomicInteger();
        PageClient client = (path, headers) -> {
            if (calls.getAndIncrement() == 0) {
                // held until every other page of the interval is answered: with a fixed share per caller, this caller's
                // remaining share would never be sent and the latch would time out
                boolean released = await(othersServed);
                return new PageClient.Page(released ? 200 : 504, "");
            }
            othersServed.countDown();
            return new PageClient.Page(200, "");
        };

        List<PageTraffic.Timed> pages = PageTraffic.send(client, requests, 2, Duration.ZERO);

        assertThat(pages).hasSize(requests).doesNotContainNull();
        assertThat(pages).extracting(t -> t.page().status()).containsOnly(200);
    }

    @Test
    void sendsEveryRequestOnceWithMoreCallersThanRequests() {
        AtomicInteger calls = new AtomicInteger();
        List<PageTraffic.Timed> pages = PageTraffic.send((p, h) -> {
            calls.incrementAndGet();
            return new PageClient.Page(200, "");
        }, 3, 10, Duration.ZERO);
        assertThat(pages).hasSize(3).doesNotContainNull();
        assertThat(calls).hasValue(3);
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
