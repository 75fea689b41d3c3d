package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.Map;

/** {@code shutdown_request}: replies (also on IOPub), then the process exits; a restart is the client's job. */
public final class ShutdownHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public ShutdownHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        boolean restart = Json.bool(request.content(), "restart", false);
        Map<String, Object> reply = Map.of("status", "ok", "restart", restart);
        request.reply(reply);
        request.publish("shutdown_reply", reply);
        services.shutdown();
    }
}
