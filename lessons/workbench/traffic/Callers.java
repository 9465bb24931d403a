package workbench.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Several callers sending at once, each on a thread of its own: what the lessons' senders (bulk checks, the canary's load,
 * fortio load) share. Waits for every caller and returns what each sent, in caller order.
 */
public final class Callers {
    private Callers() {}

    /**
     * Runs {@code caller.apply(i)} for i in [0, count) side by side and returns their results in that order. A caller that
     * throws stops the whole run with that cause; {@code threadName} names the threads (seen in thread dumps).
     */
    public static <T> List<T> run(int count, String threadName, IntFunction<Callable<T>> caller) {
        ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true); // never keeps the JVM alive after an interrupted run
            return t;
        });
        try {
            List<Future<T>> parts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) parts.add(pool.submit(caller.apply(i)));
            List<T> results = new ArrayList<>(count);
            for (Future<T> part : parts) results.add(part.get());
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + threadName + " callers were sending", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a " + threadName + " caller failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
