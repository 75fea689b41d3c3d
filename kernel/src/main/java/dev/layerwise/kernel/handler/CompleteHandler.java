package dev.layerwise.kernel.handler;

import dev.layerwise.kernel.eval.Completer;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code complete_request}: JShell completion; cursor positions are in Unicode code points on the wire. */
public final class CompleteHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public CompleteHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        String code = Json.str(request.content(), "code", "");
        int cursor = CodePoints.toIndex(code, Json.integer(request.content(), "cursor_pos", code.codePointCount(0, code.length())));
        Completer.Completion c = services.completer().complete(code, cursor);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("matches", c.matches());
        reply.put("cursor_start", CodePoints.fromIndex(code, c.start()));
        reply.put("cursor_end", CodePoints.fromIndex(code, c.end()));
        reply.put("metadata", Map.of());
        request.reply(reply);
    }
}
