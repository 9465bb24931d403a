package workbench.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP port on 127.0.0.1 that a {@code DOCKER_HOST=tcp://...} can point at, behaving like a Docker host
 * that is not one: it answers every connection with bytes that are not HTTP, or accepts and never answers.
 */
public final class FakeDockerHost implements AutoCloseable {
    public enum Behaviour { GARBAGE, HANG }

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final List<Socket> held = new ArrayList<>();
    private final Thread acceptor;

    public FakeDockerHost(Behaviour behaviour) throws IOException {
        this.behaviour = behaviour;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptAll, "fake-docker-host-" + behaviour);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public Behaviour behaviour() { return behaviour; }

    /** The value for DOCKER_HOST. */
    public String dockerHost() { return "tcp://127.0.0.1:" + server.getLocalPort(); }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                if (behaviour == Behaviour.GARBAGE) answerGarbage(s);
                else synchronized (held) { held.add(s); }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void answerGarbage(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            in.read(new byte[4096]);
            OutputStream out = s.getOutputStream();
            out.write("\u0000\u00ff this is not a Docker engine \r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException ignored) {
            // the client hung up first: nothing to answer
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        synchronized (held) {
            for (Socket s : held) s.close();
        }
    }
}
