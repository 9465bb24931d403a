package workbench.backend.k3s;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/** Keeps the last lines a container printed, for the error message when it does not come up. */
final class LogTail implements Consumer<OutputFrame> {
    private final int lines;
    private final Deque<String> last = new ArrayDeque<>();

    LogTail(int lines) { this.lines = lines; }

    @Override
    public synchronized void accept(OutputFrame frame) {
        String text = frame.getUtf8StringWithoutLineEnding();
        if (text == null || text.isBlank()) return;
        last.addLast(text);
        while (last.size() > lines) last.removeFirst();
    }

    synchronized String text() { return String.join("\n", last); }
}
