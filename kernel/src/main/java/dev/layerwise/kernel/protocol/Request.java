package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A verified request plus the means to answer it: a reply on its own socket, and IOPub messages
 * parented to it. Used only on the thread that received it.
 */
public final class Request {
    private final Message message;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Iopub iopub;
    private boolean replied;
    private boolean showedError;
    private final Supplier<List<Message>> waiting;
    private List<Message> queued = List.of();

    Request(Message message, ZMQ.Socket socket, WireCodec codec, Iopub iopub, Supplier<List<Message>> waiting) {
        this.message = message;
        this.waiting = waiting;
        this.socket = socket;
        this.codec = codec;
        this.iopub = iopub;
    }

    /** @return the request message */
    public Message message() {
        return message;
    }

    /** @return the request's content */
    public JsonObject content() {
        return message.content();
    }

    /** @return the IOPub channel */
    public Iopub iopub() {
        return iopub;
    }

    /**
     * Sends the reply ({@code x_request} → {@code x_reply}); the content must carry {@code status}.
     *
     * @param content the reply content
     */
    public void reply(Map<String, ?> content) {
        String type = message.type().endsWith("_request")
                ? message.type().substring(0, message.type().length() - "_request".length()) + "_reply"
                : message.type() + "_reply";
        send(type, content);
    }

    /**
     * Sends a message of any type to the requester, e.g. the reply.
     *
     * @param type the message type
     * @param content the content
     */
    public void send(String type, Map<String, ?> content) {
        List<byte[]> frames = codec.encode(message.identities(), type, content, message, Map.of());
        Frames.send(socket, frames, "reply sender");
        replied = true;
    }

    /**
     * Publishes on IOPub with this request as parent.
     *
     * @param type message type
     * @param content content
     */
    public void publish(String type, Object content) {
        iopub.publish(type, content, message);
        showedError |= type.equals("error");
    }

    /**
     * Aborts the {@code execute_request}s waiting behind this one (Jupyter's {@code stop_on_error}):
     * takes every request waiting now off the socket; once this one is finished, the loop answers
     * those executions {@code aborted} and handles the rest. Call it before {@link #reply}, so that
     * a cell the client sends after seeing the reply is not among them.
     */
    public void abortQueuedExecutions() {
        queued = waiting.get();
    }

    /** @return the requests taken by {@link #abortQueuedExecutions()}, in arrival order */
    List<Message> queuedToAbort() {
        return queued;
    }

    /** @return whether an {@code error} output was published for this request */
    boolean showedError() {
        return showedError;
    }

    /** @return whether a reply was sent */
    boolean replied() {
        return replied;
    }
}
