package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Request;

import java.util.Map;

/** {@code interrupt_request} (control channel): stops the running cell; see {@code Interrupter}. */
public final class InterruptHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public InterruptHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        services.evaluator().interrupt();
        request.reply(Map.of("status", "ok"));
    }
}
