package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.eval.Completeness;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code is_complete_request}: complete, incomplete (with indent) or invalid. */
public final class IsCompleteHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public IsCompleteHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        Completeness.Verdict v = services.completeness().check(Json.str(request.content(), "code", ""));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", v.status());
        if (v.status().equals("incomplete")) {
            reply.put("indent", v.indent());
        }
        request.reply(reply);
    }
}
