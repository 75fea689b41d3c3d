package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An optimizer's state for one parameter (momentum buffers, squared-gradient averages, step
 * count), owned by the learner and kept under the parameter's stable name.
 */
public final class ParamState implements AutoCloseable {
    private final Map<String, NDArray> slots = new LinkedHashMap<>();
    private long steps;

    /**
     * One state array, created on first use.
     *
     * @param name the slot's name, e.g. {@code velocity}
     * @param create makes the initial array (usually zeros like the parameter)
     * @return the array
     */
    public NDArray slot(String name, Supplier<NDArray> create) {
        return slots.computeIfAbsent(name, k -> {
            NDArray array = create.get();
            // state outlives the training step that creates it
            NDScope.unregister(array);
            return array;
        });
    }

    /** @return the state arrays by slot name */
    public Map<String, NDArray> slots() {
        return slots;
    }

    /** @return how many updates this state has seen, then counts one more */
    public long nextStep() {
        return ++steps;
    }

    /** @return how many updates this state has seen */
    public long steps() {
        return steps;
    }

    /**
     * Sets the update count, for a learner read back from a file.
     *
     * @param count updates made so far
     */
    public void restoreSteps(long count) {
        steps = count;
    }

    /** Frees the state arrays. */
    @Override
    public void close() {
        slots.values().forEach(NDArray::close);
        slots.clear();
    }
}
