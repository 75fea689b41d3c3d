package dev.layerwise.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import dev.layerwise.engine.Torch;
import dev.layerwise.optim.ParamState;
import dev.layerwise.runtime.Layerwise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a learner to another device: the checks behind {@link Learner#device(Device)}, then copies of
 * its weights and optimizer state. Every copy is made before any original is replaced, so a failure
 * half-way (a GPU out of memory) leaves the learner as it was.
 */
final class DeviceMove {
    private DeviceMove() {}

    /**
     * What {@link Learner#device(Device)} does: refuses null, a change while {@code fit} runs and a GPU that
     * cannot be used (nothing changes then), and moves the learner when the device differs.
     */
    static void request(Learner learner, Device to) {
        if (to == null) {
            throw new IllegalArgumentException("device(null): expected a device such as Device.cpu() or Device.gpu().");
        }
        if (learner.fitting()) {
            throw new IllegalStateException("device(" + to + ") cannot change while fit(...) runs on "
                    + learner.device() + "; call it between fit calls.");
        }
        if (!to.equals(learner.device())) {
            learner.relocate(Layerwise.requireUsable(to, "learner.device(" + to + ")"));
        }
    }

    /** @return how many arrays moved */
    static int move(Model model, Map<String, ParamState> optimizerState, Device to) {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        List<Map<String, NDArray>> slots = new ArrayList<>();
        try (Torch.NoGrad ignored = Torch.noGrad()) {
            // without autograd the copies are fresh leaves, not results of a copy op in the graph
            model.arrays().forEach((name, a) -> weights.put(name, copy(a, to)));
            for (ParamState state : optimizerState.values()) {
                Map<String, NDArray> copied = new LinkedHashMap<>();
                state.slots().forEach((name, a) -> copied.put(name, copy(a, to)));
                slots.add(copied);
            }
        } catch (RuntimeException | Error e) {
            weights.values().forEach(NDArray::close);
            slots.forEach(m -> m.values().forEach(NDArray::close));
            Device from = model.arrays().values().stream().findFirst().map(NDArray::getDevice).orElse(null);
            throw new IllegalStateException("Moving the learner from " + from + " to " + to + " failed (" + e.getMessage()
                    + "); nothing was changed and it stays on " + from + ".", e);
        }
        model.adopt(weights);
        int i = 0;
        int count = weights.size();
        for (ParamState state : optimizerState.values()) {
            Map<String, NDArray> copied = slots.get(i++);
            copied.forEach((name, a) -> {
                NDArray old = state.slots().put(name, a);
                if (old != null) {
                    old.close();
                }
            });
            count += copied.size();
        }
        return count;
    }

    private static NDArray copy(NDArray a, Device to) {
        NDArray c = a.getDevice().equals(to) ? a.duplicate() : a.toDevice(to, true);
        NDScope.unregister(c);
        c.setName(a.getName());
        return c;
    }
}
