package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import dev.layerwise.engine.Torch;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.ParamState;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learner's weights (buffers included) and optimizer state at the end of one epoch, copied on
 * the device where they live: taking one reads nothing back to the host. Restoring copies the
 * values back into the learner's own arrays in place, so every handle to them stays valid. The
 * copies belong to the learner's native memory; {@link #close()} frees them at once.
 */
final class Snapshot implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final Map<String, Map<String, NDArray>> slots = new LinkedHashMap<>();
    private final Map<String, Long> updates = new LinkedHashMap<>();
    private final Optimizer optimizer;
    private final int epoch;
    private final long step;
    private final double value;

    private Snapshot(Optimizer optimizer, int epoch, long step, double value) {
        this.optimizer = optimizer;
        this.epoch = epoch;
        this.step = step;
        this.value = value;
    }

    /**
     * Copies a learner's arrays now.
     *
     * @param learner the learner
     * @param value the monitored figure at this moment, kept for messages
     * @return the snapshot
     */
    static Snapshot of(Learner learner, double value) {
        TrainingState state = learner.state();
        Snapshot s = new Snapshot(learner.optimizer(), state.epoch(), state.step(), value);
        try (Torch.NoGrad ignored = Torch.noGrad()) {
            // without autograd the copies are plain arrays, not nodes of a graph
            state.model().arrays().forEach((name, a) -> s.arrays.put(name, copy(a)));
            state.optimizerStates().forEach((param, p) -> {
                Map<String, NDArray> copied = new LinkedHashMap<>();
                p.slots().forEach((slot, a) -> copied.put(slot, copy(a)));
                s.slots.put(param, copied);
                s.updates.put(param, p.steps());
            });
        } catch (RuntimeException | Error e) {
            s.close();
            throw e;
        }
        return s;
    }

    private static NDArray copy(NDArray a) {
        NDArray c = a.duplicate();
        NDScope.unregister(c);
        return c;
    }

    /**
     * Puts the snapshot's values back into the learner's arrays. The optimizer state comes back too
     * when the learner still has the optimizer it was taken with; after a switch only the weights
     * do, since the old optimizer's state means nothing to the new one.
     *
     * @param learner the learner it was taken from
     * @return whether the optimizer state was restored as well
     */
    boolean restoreInto(Learner learner) {
        TrainingState state = learner.state();
        boolean withState = optimizer.equals(learner.optimizer());
        try (Torch.NoGrad ignored = Torch.noGrad(); NDScope scope = new NDScope()) {
            state.model().arrays().forEach((name, a) -> a.set(ALL, arrays.get(name)));
            if (withState) {
                slots.forEach((param, saved) -> restoreSlots(state, state.optimizerState(param), saved, updates.get(param)));
            }
        }
        return withState;
    }

    /** Makes one parameter's state equal to the saved one: same slots, same values, same update count. */
    private static void restoreSlots(TrainingState state, ParamState live, Map<String, NDArray> saved, long count) {
        for (Iterator<Map.Entry<String, NDArray>> it = live.slots().entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, NDArray> slot = it.next();
            if (!saved.containsKey(slot.getKey())) {
                slot.getValue().close();
                it.remove();
            }
        }
        saved.forEach((slot, a) -> {
            NDArray now = live.slots().get(slot);
            if (now == null) {
                live.slot(slot, () -> {
                    NDArray c = a.duplicate();
                    c.attach(state.manager()); // owned by the learner restored into, which may be another (a copy)
                    return c;
                });
            } else {
                now.set(ALL, a);
            }
        });
        live.restoreSteps(count);
    }

    /** @return the epoch after which it was taken */
    int epoch() {
        return epoch;
    }

    /** @return the step after which it was taken */
    long step() {
        return step;
    }

    /** @return the monitored figure then */
    double value() {
        return value;
    }

    @Override
    public void close() {
        arrays.values().forEach(NDArray::close);
        slots.values().forEach(m -> m.values().forEach(NDArray::close));
        arrays.clear();
        slots.clear();
    }
}
