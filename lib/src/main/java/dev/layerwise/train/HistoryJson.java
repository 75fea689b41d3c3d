package dev.layerwise.train;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A history as JSON: steps as columns (one array per field, compact for long runs), epochs and
 * events as records, and whether and why training stopped early.
 */
final class HistoryJson {
    private static final Gson GSON = new GsonBuilder().serializeSpecialFloatingPointValues().setLenient().create();

    private HistoryJson() {}

    static String write(History h) {
        JsonObject o = new JsonObject();
        JsonObject steps = new JsonObject();
        String[] names = {"step", "epoch", "loss", "accuracy", "batchSize", "millis", "learningRate", "momentum"};
        JsonArray[] columns = new JsonArray[names.length];
        for (int i = 0; i < names.length; i++) {
            columns[i] = new JsonArray();
            steps.add(names[i], columns[i]);
        }
        for (StepRecord s : h.steps()) {
            columns[0].add(s.step());
            columns[1].add(s.epoch());
            columns[2].add(s.loss());
            columns[3].add(s.accuracy());
            columns[4].add(s.batchSize());
            columns[5].add(s.millis());
            columns[6].add(s.learningRate());
            columns[7].add(s.momentum());
        }
        o.add("steps", steps);
        o.add("epochs", GSON.toJsonTree(h.epochs()));
        o.add("events", GSON.toJsonTree(h.events()));
        o.addProperty("stopped", h.stopped());
        if (h.stopReason() != null) {
            o.addProperty("stopReason", h.stopReason());
        }
        return GSON.toJson(o);
    }

    static History read(String json) {
        JsonObject o = GSON.fromJson(json, JsonObject.class);
        History h = new History();
        JsonObject steps = o.getAsJsonObject("steps");
        int n = steps.getAsJsonArray("step").size();
        for (int i = 0; i < n; i++) {
            h.add(new StepRecord(at(steps, "step", i).getAsLong(), at(steps, "epoch", i).getAsInt(),
                    number(at(steps, "loss", i)), number(at(steps, "accuracy", i)), at(steps, "batchSize", i).getAsInt(),
                    number(at(steps, "millis", i)), number(at(steps, "learningRate", i)),
                    number(at(steps, "momentum", i))));
        }
        for (JsonElement e : o.getAsJsonArray("epochs")) {
            JsonObject r = e.getAsJsonObject();
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (r.has("metrics")) {
                r.getAsJsonObject("metrics").entrySet().forEach(m -> metrics.put(m.getKey(), number(m.getValue())));
            }
            h.add(new EpochRecord(r.get("epoch").getAsInt(), number(r.get("loss")), number(r.get("accuracy")),
                    number(r.get("testLoss")), number(r.get("testAccuracy")), number(r.get("seconds")),
                    number(r.get("samplesPerSecond")), r.get("examples").getAsLong(), r.get("complete").getAsBoolean(),
                    metrics));
        }
        for (JsonElement e : o.getAsJsonArray("events")) {
            h.add(new TrainingEvent(e.getAsJsonObject().get("step").getAsLong(),
                    e.getAsJsonObject().get("label").getAsString()));
        }
        if (o.get("stopped").getAsBoolean()) {
            h.markStopped(o.has("stopReason") ? o.get("stopReason").getAsString() : null);
        }
        return h;
    }

    private static JsonElement at(JsonObject columns, String name, int i) {
        return columns.getAsJsonArray(name).get(i);
    }

    /** NaN and the infinities are written as bare words by Gson; read them back as numbers. */
    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : Double.parseDouble(e.getAsString());
    }
}
