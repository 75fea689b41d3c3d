package dev.layerwise.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The kernel's one JSON configuration, and null-safe readers for request fields. */
public final class Json {
    /** Serializes maps, lists, strings, numbers and booleans; keeps HTML characters as they are. */
    public static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

    private Json() {}

    /**
     * Parses a JSON object.
     *
     * @param text the JSON text
     * @return the object; an empty one for blank text
     */
    public static JsonObject parse(String text) {
        if (text == null || text.isBlank()) {
            return new JsonObject();
        }
        JsonElement e = JsonParser.parseString(text);
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException("expected a JSON object, got: " + abbreviate(text));
        }
        return e.getAsJsonObject();
    }

    /**
     * @param o an object
     * @param key a key
     * @param fallback used when the key is missing or null
     * @return the string value
     */
    public static String str(JsonObject o, String key, String fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsString();
    }

    /**
     * @param o an object
     * @param key a key
     * @param fallback used when the key is missing or null
     * @return the int value
     */
    public static int integer(JsonObject o, String key, int fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsInt();
    }

    /**
     * @param o an object
     * @param key a key
     * @param fallback used when the key is missing or null
     * @return the boolean value
     */
    public static boolean bool(JsonObject o, String key, boolean fallback) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? fallback : e.getAsBoolean();
    }

    /**
     * @param o an object
     * @param key a key
     * @return the nested object, or an empty one
     */
    public static JsonObject obj(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
