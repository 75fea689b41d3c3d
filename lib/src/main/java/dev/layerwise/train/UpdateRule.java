package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.ParamState;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the weights change after backward: the optimizer's rule, scaled per layer by the learner's
 * rate multipliers and as a whole by reduce-on-plateau's factor, skipping frozen layers, with
 * autograd off; every gradient is cleared after.
 */
final class UpdateRule {
    private final Optimizer optimizer;
    private final LayerControls controls;
    private final List<ParamSpec> specs;
    private final Function<String, ParamState> states;
    private final double rateFactor;

    UpdateRule(Optimizer optimizer, LayerControls controls, List<ParamSpec> specs,
            Function<String, ParamState> states, double rateFactor) {
        this.optimizer = optimizer;
        this.controls = controls;
        this.specs = specs;
        this.states = states;
        this.rateFactor = rateFactor;
    }

    /**
     * Updates every trainable parameter from its gradient.
     *
     * @param parameters the trainable parameters by full name
     * @param gradient each parameter's gradient, by name
     * @param t the optimizer's step, for its schedules
     */
    void apply(Map<String, NDArray> parameters, Function<String, NDArray> gradient, long t) {
        try (Torch.NoGrad ignored = Torch.noGrad()) {
            for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                ParamUpdate rule = controls.updateRule(specs, p.getKey());
                if (!rule.frozen()) {
                    optimizer.update(p.getValue(), gradient.apply(p.getKey()), states.apply(p.getKey()),
                            rule.rateScale() * rateFactor, t);
                }
                Torch.zeroGrad(p.getValue());
            }
        }
    }

    /** Clears every gradient without updating: after a step that must not change the weights. */
    static void discardGradients(Map<String, NDArray> parameters) {
        parameters.values().forEach(Torch::zeroGrad);
    }
}
