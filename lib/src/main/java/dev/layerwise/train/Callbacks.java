package dev.layerwise.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A learner's callbacks by name, called in registration order at every {@link Event}. A callback
 * that holds native memory (one that is {@link AutoCloseable}, such as the best-weights snapshot)
 * is closed when it is replaced or removed, so re-running a cell does not pile up copies.
 */
final class Callbacks {
    private final Map<String, Callback> byName = new LinkedHashMap<>();
    /** The order at the last change: events iterate over this, so a callback may remove itself. */
    private List<Map.Entry<String, Callback>> ordered = List.of();

    /** Adds or replaces; returns the replaced callback or null. */
    Callback put(String name, Callback callback) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("callback(name, …): give the callback a non-empty name, so that"
                    + " running the cell again replaces it instead of adding a second one.");
        }
        if (callback == null) {
            throw new IllegalArgumentException("callback(\"" + name + "\", null): expected a Callback.");
        }
        Callback old = byName.put(name, callback);
        changed();
        if (old != callback) {
            release(old);
        }
        return old;
    }

    private static void release(Callback gone) {
        if (gone instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing the callback " + gone + " failed: " + e.getMessage(), e);
            }
        }
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
                    Callbacks.this.remove(name);
                }
            }
        };
    }

    boolean remove(String name) {
        Callback gone = byName.remove(name);
        changed();
        release(gone);
        return gone != null;
    }

    Callback get(String name) {
        return byName.get(name);
    }

    List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    private void changed() {
        ordered = List.copyOf(byName.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
    }

    /**
     * Announces an event to every callback; the first failure ends the announcement and is thrown,
     * wrapped in a {@link CallbackException} that names the callback and the event.
     */
    void fire(Event event, FitRun run) {
        List<Map.Entry<String, Callback>> now = ordered;
        if (now.isEmpty()) {
            return;
        }
        run.at(event);
        for (Map.Entry<String, Callback> e : now) {
            RuntimeException failure = call(e.getKey(), e.getValue(), event, run);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Announces an event to every callback even when some fail; returns the first failure or null. */
    RuntimeException fireAll(Event event, FitRun run) {
        run.at(event);
        RuntimeException first = null;
        for (Map.Entry<String, Callback> e : ordered) {
            RuntimeException failure = call(e.getKey(), e.getValue(), event, run);
            if (first == null) {
                first = failure;
            } else if (failure != null) {
                first.addSuppressed(failure);
            }
        }
        return first;
    }

    private static RuntimeException call(String name, Callback c, Event event, FitRun run) {
        try {
            switch (event) {
                case FIT_START -> c.fitStarted(run.learner(), run.epochsPlanned(), run.stepsPlanned());
                case EPOCH_START -> c.epochStarted(run.epoch());
                case BATCH_START -> c.batchStarted(run);
                case AFTER_BACKWARD -> c.afterBackward(run);
                case STEP_END -> c.stepEnded(run.stepRecord(), run);
                case EPOCH_MEASURE -> c.measureEpoch(run.figures());
                case VALIDATION_END -> c.validated(run.evaluation());
                case EPOCH_END -> c.epochEnded(run.epochRecord());
                case FIT_END -> c.fitEnded(run.history());
            }
            c.on(event, run);
            return null;
        } catch (NonFiniteLossException | CallbackException e) {
            return e; // already says what happened and where
        } catch (RuntimeException e) {
            return new CallbackException(name, event, run.step(), e);
        }
    }
}
