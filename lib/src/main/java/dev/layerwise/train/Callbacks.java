package dev.layerwise.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A learner's callbacks by name, called in registration order. */
final class Callbacks {
    private final Map<String, Callback> byName = new LinkedHashMap<>();

    /** Adds or replaces; returns the replaced callback or null. */
    Callback put(String name, Callback callback) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("callback(name, …): give the callback a non-empty name, so that"
                    + " running the cell again replaces it instead of adding a second one.");
        }
        if (callback == null) {
            throw new IllegalArgumentException("callback(\"" + name + "\", null): expected a Callback.");
        }
        return byName.put(name, callback);
    }

    /** Adds or replaces, saying so when it replaces another; the handle removes only this callback. */
    Registration register(String name, Callback callback) {
        Callback old = put(name, callback);
        if (old != null && old != callback) {
            System.out.println("Callback '" + name + "' replaced.");
        }
        return new Registration() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void remove() {
                if (byName.get(name) == callback) {
                    byName.remove(name);
                }
            }
        };
    }

    boolean remove(String name) {
        return byName.remove(name) != null;
    }

    Callback get(String name) {
        return byName.get(name);
    }

    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    /** Runs an event on every callback; a snapshot, so a callback may remove itself. */
    void each(Consumer<Callback> event) {
        for (Callback c : new ArrayList<>(byName.values())) {
            event.accept(c);
        }
    }
}
