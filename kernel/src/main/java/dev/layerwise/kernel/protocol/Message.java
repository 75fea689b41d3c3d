package dev.layerwise.kernel.protocol;

import com.google.gson.JsonObject;

import java.util.List;

/**
 * A received Jupyter message: routing identities and the four JSON parts.
 *
 * @param identities ZeroMQ routing frames, echoed on replies
 * @param header the header ({@code msg_id}, {@code msg_type}, {@code session}, ...)
 * @param parentHeader the header of the message this one answers
 * @param metadata free-form metadata
 * @param content the type-specific content
 * @param buffers extra binary frames
 */
public record Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader, JsonObject metadata,
                      JsonObject content, List<byte[]> buffers) {
    /** @return the message type, e.g. {@code execute_request} */
    public String type() {
        return Json.str(header, "msg_type", "");
    }

    /** @return the message id */
    public String id() {
        return Json.str(header, "msg_id", "");
    }
}
