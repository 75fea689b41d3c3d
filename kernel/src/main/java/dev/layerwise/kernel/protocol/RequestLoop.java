package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.Log;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves one ROUTER channel (shell or control) on its own thread: blocking receive, verify, publish
 * {@code busy}, dispatch to the handler for the message type, publish {@code idle}.
 *
 * <p>A message that fails verification is logged and dropped; a handler that throws gets an error
 * reply; neither ends the loop. The loop ends when the ZeroMQ context terminates.
 */
public final class RequestLoop implements Runnable {
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Iopub iopub;
    private final Map<String, Handler> handlers;

    /**
     * @param name channel name for logs and the thread
     * @param socket the bound ROUTER socket, owned by this loop from now on
     * @param codec the wire codec
     * @param iopub the IOPub channel
     * @param handlers handler per request type
     */
    public RequestLoop(String name, ZMQ.Socket socket, WireCodec codec, Iopub iopub, Map<String, Handler> handlers) {
        this.name = name;
        this.socket = socket;
        this.codec = codec;
        this.iopub = iopub;
        this.handlers = handlers;
    }

    /**
     * Starts the loop on a daemon thread.
     *
     * @return the thread
     */
    public Thread start() {
        Thread t = new Thread(this, "layerwise-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                List<byte[]> frames = receive();
                Message message;
                try {
                    message = codec.decode(frames);
                } catch (WireCodec.BadMessageException e) {
                    Log.warn(name + ": dropped a message: " + e.getMessage());
                    continue;
                }
                dispatch(message);
            }
        } catch (ZMQException | zmq.ZError.IOException | IllegalStateException e) {
            Log.debug(name + " loop ends: " + e);
        } finally {
            socket.setLinger(200);
            socket.close();
        }
    }

    private List<byte[]> receive() {
        List<byte[]> frames = new ArrayList<>(8);
        frames.add(socket.recv(0));
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private void dispatch(Message message) {
        Handler handler = handlers.get(message.type());
        Log.debug(name + " <- " + message.type());
        if (handler == null) {
            Log.warn(name + ": no handler for message type '" + message.type() + "'; ignored");
            return;
        }
        Request request = new Request(message, socket, codec, iopub);
        iopub.status("busy", message);
        try {
            handler.handle(request);
        } catch (Exception | LinkageError e) {
            Log.warn(name + ": handling " + message.type() + " failed", e);
            if (!request.replied() && message.type().endsWith("_request")) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("status", "error");
                error.put("ename", e.getClass().getName());
                error.put("evalue", String.valueOf(e.getMessage()));
                error.put("traceback", List.of("The kernel failed to handle " + message.type() + ": " + e));
                request.reply(error);
            }
        } finally {
            iopub.status("idle", message);
        }
    }
}
