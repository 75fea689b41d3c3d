package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.log.Log;
import dev.layerwise.kernel.log.Phases;
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
 * <p>A message that fails verification is logged and dropped; a handler that throws (even
 * {@link OutOfMemoryError} or {@link StackOverflowError}) gets an error reply; neither ends the
 * loop. The loop ends when the ZeroMQ context terminates.
 *
 * <p>When a handler {@linkplain Request#abortQueuedExecutions() asks for it} (an execution failed
 * with {@code stop_on_error}), the {@code execute_request}s already waiting on the socket are
 * answered {@code status: aborted} without running, as ipykernel does; other waiting requests are
 * handled as usual.
 */
public final class RequestLoop implements Runnable {
    private static final int FAILURE_ANSWER_ATTEMPTS = 100;
    private static final long FAILURE_ANSWER_RETRY_MS = 50;
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
                try {
                    List<byte[]> frames = receive(0);
                    long received = System.nanoTime();
                    Message message = decode(frames);
                    if (message != null) {
                        Phases.begin(message.type(), received);
                        Phases.mark("decode");
                        dispatch(message);
                        Phases.end();
                    }
                } catch (VirtualMachineError e) {
                    // The heap filled up or the stack overflowed outside a cell (a cell's own fault is its
                    // reply): the request is lost, but the loop and so the kernel keep serving. The memory
                    // reserve is left to the cell's thread, as in IoThreads.
                    Log.fault(name + " loop", e);
                }
            }
        } catch (ZMQException | zmq.ZError.IOException | IllegalStateException e) {
            Log.debug(name + " loop ends: " + e);
        } finally {
            socket.setLinger(200);
            socket.close();
        }
    }

    /** @return the next message's frames, or null when {@code flags} is DONTWAIT and none is waiting */
    private List<byte[]> receive(int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(8);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private Message decode(List<byte[]> frames) {
        try {
            return codec.decode(frames);
        } catch (WireCodec.BadMessageException e) {
            Log.warn(name + ": dropped a message: " + e.getMessage());
            return null;
        }
    }

    /** @return the requests waiting on the socket now, in order, taken off it without blocking */
    private List<Message> takeWaiting() {
        List<Message> waiting = new ArrayList<>();
        List<byte[]> frames;
        while ((frames = receive(ZMQ.DONTWAIT)) != null) {
            Message message = decode(frames);
            if (message != null) {
                waiting.add(message);
            }
        }
        return waiting;
    }

    /** Answers a queued execute_request that an earlier error cancelled, with its own busy and idle. */
    private void abort(Message message) {
        Log.debug(name + " <- execute_request, aborted after an earlier error");
        iopub.status("busy", message);
        new Request(message, socket, codec, iopub, List::of).reply(Map.of("status", "aborted"));
        iopub.status("idle", message);
    }

    /**
     * Answers a request whose handler failed with an error reply (and, for a cell, an error output). When the
     * handler failed because a cell filled the heap, even this answer may not fit at first: it is tried again
     * shortly, as other threads let their buffers go, rather than leaving the front end waiting for ever. Logged
     * last, since a stack trace is the biggest allocation here.
     */
    private void answerFailure(Request request, Message message, Throwable failure) {
        for (int attempt = 1; ; attempt++) {
            try {
                if (!request.replied() && message.type().endsWith("_request")) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("status", "error");
                    error.put("ename", failure.getClass().getName());
                    error.put("evalue", String.valueOf(failure.getMessage()));
                    error.put("traceback", List.of("The kernel failed to handle " + message.type() + ": " + failure));
                    if (message.type().equals("execute_request") && !request.showedError()
                            && !Json.bool(request.content(), "silent", false)) {
                        // A notebook shows a cell's errors from iopub only: without this the cell would fail silently.
                        Map<String, Object> shown = new LinkedHashMap<>(error);
                        shown.remove("status");
                        request.publish("error", shown);
                    }
                    request.reply(error);
                }
                Log.warn(name + ": handling " + message.type() + " failed", failure);
                return;
            } catch (VirtualMachineError again) {
                if (attempt == FAILURE_ANSWER_ATTEMPTS) {
                    Log.fault(name + " loop", again);
                    return;
                }
                try {
                    Thread.sleep(FAILURE_ANSWER_RETRY_MS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void dispatch(Message message) {
        Request request = new Request(message, socket, codec, iopub, this::takeWaiting);
        Handler handler = handlers.get(message.type());
        Log.debug(name + " <- " + message.type());
        if (handler == null) {
            Log.warn(name + ": no handler for message type '" + message.type() + "'; ignored");
            return;
        }
        iopub.status("busy", message);
        Phases.mark("busy");
        try {
            handler.handle(request);
        } catch (Exception | LinkageError | VirtualMachineError e) {
            answerFailure(request, message, e);
        } finally {
            iopub.status("idle", message);
            Phases.mark("idle");
        }
        for (Message next : request.queuedToAbort()) {
            if (next.type().equals("execute_request")) {
                abort(next);
            } else {
                dispatch(next);
            }
        }
    }
}
