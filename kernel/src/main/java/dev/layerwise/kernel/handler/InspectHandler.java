package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code inspect_request}: signature and javadoc of the name at (or just before) the cursor. */
public final class InspectHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public InspectHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        String code = Json.str(request.content(), "code", "");
        int cursor = CodePoints.toIndex(code, Json.integer(request.content(), "cursor_pos", code.length()));
        String text = services.inspector().inspect(code, cursor);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("found", text != null);
        reply.put("data", text == null ? Map.of() : Map.of("text/plain", text));
        reply.put("metadata", Map.of());
        request.reply(reply);
    }
}
