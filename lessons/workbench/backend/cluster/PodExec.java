package workbench.backend.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecListener;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import workbench.backend.BackendException;

/** Runs a command in a container, like {@code kubectl exec POD -c CONTAINER -- CMD}, and collects its output. */
public final class PodExec {

    /** What the command printed and how it exited ({@code -1} when the exit code was not reported). */
    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String stdoutText() { return new String(stdout, StandardCharsets.UTF_8); }
    }

    private final KubernetesClient client;

    public PodExec(KubernetesClient client) { this.client = client; }

    public Result run(String namespace, String pod, String container, Duration timeout, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        String what = "kubectl exec -n " + namespace + " " + pod + " -c " + container + " -- " + String.join(" ", command);
        try (ExecWatch watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .writingOutput(out).writingError(err)
                .usingListener(new ExecListener() {
                    @Override public void onClose(int code, String reason) { closed.complete(null); }

                    @Override public void onFailure(Throwable t, Response failureResponse) { closed.completeExceptionally(t); }
                })
                .exec(command)) {
            Integer code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            // the exit code arrives on its own channel; wait for the socket to close so stdout is complete
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (TimeoutException ignored) {
                // output written so far is all we will get
            }
            return new Result(code == null ? -1 : code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            throw new BackendException("`" + what + "` did not finish within " + Waiter.human(timeout) + ".", e);
        } catch (ExecutionException e) {
            throw new BackendException("`" + what + "` failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while running `" + what + "`", e);
        } catch (RuntimeException e) {
            if (e instanceof BackendException be) throw be;
            throw new BackendException("`" + what + "` failed: " + e.getMessage(), e);
        }
    }
}
