package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.log.Log;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.Map;

/**
 * {@code comm_open}, {@code comm_msg}, {@code comm_close}: no comm targets exist here, so an open
 * is answered with {@code comm_close} (as the protocol asks for unknown targets) and the rest is logged.
 */
public final class CommHandler implements Handler {
    @Override
    public void handle(Request request) {
        String id = Json.str(request.content(), "comm_id", "");
        if (request.message().type().equals("comm_open")) {
            Log.info("comm_open for target '" + Json.str(request.content(), "target_name", "") + "' refused: no comm targets");
            request.publish("comm_close", Map.of("comm_id", id, "data", Map.of()));
        } else {
            Log.debug(request.message().type() + " for unknown comm " + id + " ignored");
        }
    }
}
