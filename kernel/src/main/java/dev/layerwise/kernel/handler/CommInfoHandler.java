package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Request;

import java.util.Map;

/** {@code comm_info_request}: this kernel opens no comms, so the list is empty. */
public final class CommInfoHandler implements Handler {
    @Override
    public void handle(Request request) {
        request.reply(Map.of("status", "ok", "comms", Map.of()));
    }
}
