package dev.layerwise.kernel.handler;

import com.google.gson.JsonObject;
import dev.layerwise.kernel.protocol.Handler;
import dev.layerwise.kernel.protocol.Json;
import dev.layerwise.kernel.protocol.Request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code history_request} over this session's inputs ({@code tail}, {@code range}, {@code search});
 * entries are {@code [session, line, input]} with session 0 (the current one) and line = execution count.
 */
public final class HistoryHandler implements Handler {
    private final Services services;

    /** @param services shared kernel services */
    public HistoryHandler(Services services) {
        this.services = services;
    }

    @Override
    public void handle(Request request) {
        JsonObject c = request.content();
        List<Services.HistoryEntry> all = services.history();
        List<Services.HistoryEntry> chosen = new ArrayList<>();
        String type = Json.str(c, "hist_access_type", "tail");
        int n = Json.integer(c, "n", all.size());
        switch (type) {
            case "range": {
                int start = Json.integer(c, "start", 0);
                int stop = Json.integer(c, "stop", Integer.MAX_VALUE);
                for (Services.HistoryEntry e : all) {
                    if (e.line() >= start && (stop <= 0 || e.line() < stop)) {
                        chosen.add(e);
                    }
                }
                break;
            }
            case "search": {
                Pattern p = glob(Json.str(c, "pattern", "*"));
                boolean unique = Json.bool(c, "unique", false);
                Set<String> seen = new LinkedHashSet<>();
                for (Services.HistoryEntry e : all) {
                    if (p.matcher(e.input()).matches() && (!unique || seen.add(e.input()))) {
                        chosen.add(e);
                    }
                }
                chosen = tail(chosen, n);
                break;
            }
            default:
                chosen = tail(all, n);
        }
        List<List<Object>> history = new ArrayList<>();
        for (Services.HistoryEntry e : chosen) {
            history.add(List.of(0, e.line(), e.input()));
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "ok");
        reply.put("history", history);
        request.reply(reply);
    }

    private static List<Services.HistoryEntry> tail(List<Services.HistoryEntry> list, int n) {
        return n <= 0 ? list : list.subList(Math.max(0, list.size() - n), list.size());
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            re.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
