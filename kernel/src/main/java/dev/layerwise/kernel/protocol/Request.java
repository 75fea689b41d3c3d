package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;
import org.zeromq.ZMQ;

import java.util.List;
import java.util.Map;

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

    Request(Message message, ZMQ.Socket socket, WireCodec codec, Iopub iopub) {
        this.message = message;
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
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
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
    }

    /** @return whether a reply was sent */
    boolean replied() {
        return replied;
    }
}
