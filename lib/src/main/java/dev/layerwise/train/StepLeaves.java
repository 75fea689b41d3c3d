package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

import java.util.HashMap;
import java.util.Map;

/**
 * Stand-ins for a model's large parameters during one training step, so that backward hands each of
 * them a gradient of its own instead of adding into a kept one. A stand-in shares its parameter's
 * memory (the update still changes the parameter in place) but is a fresh autograd leaf with no
 * gradient yet, and libtorch then takes the gradient it computed as it is, as PyTorch does after
 * {@code zero_grad(set_to_none=True)}. A kept gradient instead costs two passes over the weights a
 * step: zeroing it after the update and adding into it during backward (about 6 % of the
 * 784-256-128-10 MLP's step, bench/NOTES.md). Small parameters keep their gradients: for them the
 * few native calls a stand-in takes cost more than the passes they save.
 */
final class StepLeaves {
    /** Values from which a parameter gets a stand-in. */
    static final long MIN_VALUES = 4096;
    private final long minValues;
    private final Map<String, NDArray> leaves = new HashMap<>();
    private final Map<String, NDArray> gradients = new HashMap<>();

    /**
     * Makes the stand-ins of this step, in the caller's scope (the step's), which frees them.
     *
     * @param trainable the model's trainable parameters by full name
     * @return the stand-ins by full name
     */
    /** @param minValues the size from which a parameter gets a stand-in; {@link #MIN_VALUES} but in tests */
    StepLeaves(long minValues) {
        this.minValues = minValues;
    }

    Map<String, NDArray> begin(Map<String, NDArray> trainable) {
        end();
        for (Map.Entry<String, NDArray> p : trainable.entrySet()) {
            if (p.getValue().size() >= minValues) {
                leaves.put(p.getKey(), Torch.freshLeaf(p.getValue()));
            }
        }
        return leaves;
    }

    /** @return whether the parameter's gradient this step is its stand-in's */
    boolean has(String parameter) {
        return leaves.containsKey(parameter);
    }

    /** The gradient backward gave the parameter's stand-in, made once per step in the step's scope. */
    NDArray gradient(String parameter) {
        return gradients.computeIfAbsent(parameter, p -> leaves.get(p).getGradient());
    }

    /** Forgets this step's stand-ins; their arrays go with the step's scope. */
    void end() {
        leaves.clear();
        gradients.clear();
    }
}
