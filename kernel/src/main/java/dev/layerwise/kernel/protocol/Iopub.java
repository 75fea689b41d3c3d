package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.log.Log;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The IOPub channel: a PUB socket owned by one sender thread, fed through a queue.
 *
 * <p>Any thread may {@link #publish}: the cell's thread (streams, displays), the shell thread
 * (status, results). The queue keeps their order; the sender blocks on it, so nothing polls.
 */
public final class Iopub {
    private static final List<byte[]> STOP = List.of();
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final BlockingQueue<List<byte[]>> queue = new LinkedBlockingQueue<>();
    private final Thread sender;

    /**
     * @param socket the bound PUB socket; this object owns it from now on
     * @param codec the wire codec
     */
    public Iopub(ZMQ.Socket socket, WireCodec codec) {
        this.socket = socket;
        this.codec = codec;
        this.sender = new Thread(this::run, "layerwise-iopub");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Queues a message for every subscribed front end.
     *
     * @param type e.g. {@code stream}, {@code display_data}, {@code status}
     * @param content the content
     * @param parent the request it belongs to, or null
     */
    public void publish(String type, Object content, Message parent) {
        byte[] topic = ("kernel." + codec.session() + "." + type).getBytes(StandardCharsets.UTF_8);
        queue.add(codec.encode(List.of(topic), type, content, parent, null));
    }

    /**
     * Publishes {@code status} with {@code execution_state}.
     *
     * @param state {@code starting}, {@code busy} or {@code idle}
     * @param parent the request, or null
     */
    public void status(String state, Message parent) {
        publish("status", Map.of("execution_state", state), parent);
    }

    private void run() {
        try {
            while (true) {
                List<byte[]> frames = queue.take();
                if (frames == STOP) {
                    break;
                }
                Frames.send(socket, frames, "iopub sender");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ZMQException | zmq.ZError.IOException | java.nio.channels.ClosedSelectorException e) {
            Log.debug("iopub sender ends: " + e);
        } finally {
            socket.setLinger(200);
            socket.close();
        }
    }

    /**
     * Sends what is queued, then closes the socket.
     *
     * @param waitMs how long to wait for the queue to drain
     */
    public void close(long waitMs) {
        queue.add(STOP);
        try {
            sender.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
