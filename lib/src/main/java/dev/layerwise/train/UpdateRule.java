package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;
import dev.layerwise.nn.ParamSpec;
import dev.layerwise.optim.Optimizer;
import dev.layerwise.optim.ParamState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the weights change after backward: the gradients clipped by their global norm when the
 * optimizer asks for it, then the optimizer's rule, scaled per layer by the learner's rate
 * multipliers and as a whole by reduce-on-plateau's factor, with weight decay where the optimizer
 * applies it, skipping frozen layers, with
 * autograd off; every gradient is cleared after.
 */
final class UpdateRule {
    private final Optimizer optimizer;
    private final LayerControls controls;
    private final List<ParamSpec> specs;
    private final Map<String, ParamSpec> byName = new HashMap<>();
    private final Function<String, ParamState> states;
    private final double rateFactor;

    UpdateRule(Optimizer optimizer, LayerControls controls, List<ParamSpec> specs,
            Function<String, ParamState> states, double rateFactor) {
        this.optimizer = optimizer;
        this.controls = controls;
        this.specs = specs;
        this.states = states;
        this.rateFactor = rateFactor;
        specs.forEach(s -> byName.put(s.name(), s));
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
            double maxNorm = optimizer.clipGradNorm();
            if (maxNorm > 0) {
                List<NDArray> learning = new ArrayList<>();
                parameters.keySet().stream().filter(p -> !controls.updateRule(specs, p).frozen())
                        .forEach(p -> learning.add(gradient.apply(p)));
                GlobalNormClip.apply(learning, maxNorm);
            }
            for (Map.Entry<String, NDArray> p : parameters.entrySet()) {
                ParamUpdate rule = controls.updateRule(specs, p.getKey());
                if (!rule.frozen()) {
                    optimizer.update(p.getValue(), gradient.apply(p.getKey()), states.apply(p.getKey()),
                            rule.rateScale() * rateFactor, t, optimizer.decays(byName.get(p.getKey())));
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
