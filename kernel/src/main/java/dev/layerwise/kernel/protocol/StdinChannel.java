package dev.layerwise.kernel.protocol;

import dev.layerwise.kernel.log.Log;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The stdin channel: sends {@code input_request} to the front end that ran a cell and waits for its
 * {@code input_reply}.
 *
 * <p>One thread owns the socket; a cell's thread hands it a question and waits for the answer. The
 * cell's thread never touches JeroMQ, so interrupting it (the Stop button) ends only its wait: an
 * interrupted thread inside JeroMQ would close the socket's channels for good. While it waits for a
 * reply the owner checks every {@value #POLL_MS} ms whether the question was withdrawn. As in
 * ipykernel, whatever arrived while no question was open is dropped before the next is sent, and
 * the first {@code input_reply} after it is the answer (jupyter_client's replies carry no parent);
 * a reply whose parent names another question is dropped.
 */
public final class StdinChannel {
    static final int POLL_MS = 100;
    private static final Question STOP = new Question(null, "", false, new CompletableFuture<>());
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final BlockingQueue<Question> questions = new LinkedBlockingQueue<>();
    private final Thread owner;
    private volatile boolean closed;

    /** A line asked of the front end that sent {@code parent}. */
    private record Question(Message parent, String prompt, boolean password, CompletableFuture<String> answer) {}

    /**
     * @param socket the bound ROUTER socket, owned by this channel from now on
     * @param codec the wire codec
     */
    public StdinChannel(ZMQ.Socket socket, WireCodec codec) {
        this.socket = socket;
        this.codec = codec;
        socket.setReceiveTimeOut(POLL_MS);
        this.owner = new Thread(this::run, "layerwise-stdin");
        owner.setDaemon(true);
        owner.start();
    }

    /**
     * Asks the front end that sent {@code parent} for a line, and waits for it.
     *
     * @param parent the {@code execute_request} of the running cell; the question goes to its sender
     * @param prompt the text shown beside the input box
     * @param password whether the front end should hide what is typed
     * @return the line typed
     * @throws InterruptedException when the waiting thread is interrupted; the question is withdrawn
     */
    public String ask(Message parent, String prompt, boolean password) throws InterruptedException {
        Question q = new Question(parent, prompt, password, new CompletableFuture<>());
        if (closed) {
            throw new IllegalStateException("System.in: the kernel is shutting down; no input can be asked for");
        }
        questions.put(q);
        try {
            return q.answer().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            q.answer().cancel(false); // withdraws the question if this thread was interrupted
        }
    }

    private void run() {
        try {
            while (true) {
                Question q = questions.take();
                if (q == STOP) {
                    break;
                }
                askAndWait(q);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ZMQException | zmq.ZError.IOException | IllegalStateException e) {
            Log.debug("stdin channel ends: " + e);
        } finally {
            for (Question left; (left = questions.poll()) != null; ) {
                left.answer().completeExceptionally(new IllegalStateException("System.in: the kernel is shutting down"));
            }
            socket.setLinger(0);
            socket.close();
        }
    }

    private void askAndWait(Question q) {
        if (q.answer().isDone()) {
            return; // withdrawn before it was sent
        }
        List<byte[]> stale;
        while ((stale = receive(ZMQ.DONTWAIT)) != null) {
            Log.debug("stdin: dropped " + stale.size() + " frames that arrived while no question was open");
        }
        List<byte[]> frames = codec.encode(q.parent().identities(), "input_request",
                Map.of("prompt", q.prompt(), "password", q.password()), q.parent(), Map.of());
        String id = Json.str(Json.parse(new String(frames.get(q.parent().identities().size() + 2), StandardCharsets.UTF_8)),
                "msg_id", "");
        Frames.send(socket, frames, "stdin sender");
        while (!q.answer().isDone() && !closed) {
            List<byte[]> reply = receive(0);
            if (reply == null) {
                continue;
            }
            try {
                Message m = codec.decode(reply);
                String answers = Json.str(m.parentHeader(), "msg_id", "");
                // jupyter_client's input() sends no parent header, as ipykernel accepts: only a reply that names
                // another question (one withdrawn earlier) is not this one's answer
                if (m.type().equals("input_reply") && (answers.isEmpty() || answers.equals(id))) {
                    q.answer().complete(Json.str(m.content(), "value", ""));
                } else {
                    Log.debug("stdin: dropped " + m.type() + " answering " + answers + " (a question withdrawn earlier)");
                }
            } catch (WireCodec.BadMessageException e) {
                Log.warn("stdin: dropped a message: " + e.getMessage());
            }
        }
        if (closed) {
            q.answer().completeExceptionally(new IllegalStateException("System.in: the kernel is shutting down"));
        }
    }

    /**
     * @param flags 0 to wait up to the poll interval, or {@link ZMQ#DONTWAIT}
     * @return the next message's frames, or null when none came
     */
    private List<byte[]> receive(int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /** Withdraws any question and closes the socket, waiting at most about {@code waitMs}. */
    public void close(long waitMs) {
        closed = true;
        questions.add(STOP);
        try {
            owner.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
