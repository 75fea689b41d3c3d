package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

/**
 * Adam (Kingma and Ba 2015), and AdamW with decoupled weight decay (Loshchilov and Hutter 2019),
 * as PyTorch's {@code torch.optim.Adam} and {@code AdamW} compute them. With t the parameter's
 * update count from 1: {@code m ← β₁·m + (1−β₁)·g; v ← β₂·v + (1−β₂)·g²;
 * w ← w − η/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε)}. AdamW first shrinks the weights:
 * {@code w ← w − η·λ·w}. The moments {@code m}, {@code v} and the count t are the state, the same
 * for both, so a learner switching between Adam and AdamW keeps them. One native call per parameter.
 */
public final class Adam extends BaseOptimizer<Adam> {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean decoupled;

    Adam(SharedSettings shared, double beta1, double beta2, double epsilon, boolean decoupled) {
        super(decoupled ? "adamW" : "adam", shared);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adam(beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon
                    + "): expected betas in [0, 1) and epsilon > 0; the defaults are 0.9, 0.999 and 1e-8.");
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decoupled = decoupled;
    }

    @Override
    Adam with(SharedSettings settings) {
        return new Adam(settings, beta1, beta2, epsilon, decoupled);
    }

    /**
     * This optimizer with other moment decays.
     *
     * @param b1 β₁, e.g. 0.9
     * @param b2 β₂, e.g. 0.999
     * @return the changed optimizer
     */
    public Adam betas(double b1, double b2) {
        return new Adam(shared(), b1, b2, epsilon, decoupled);
    }

    @Override
    boolean couplesDecay() {
        return !decoupled;
    }

    @Override
    java.util.Map<String, Double> numbers() {
        return java.util.Map.of("beta1", beta1, "beta2", beta2, "epsilon", epsilon, "decoupled", decoupled ? 1.0 : 0.0);
    }

    @Override
    public java.util.Set<String> stateSlots() {
        return java.util.Set.of("mean", "variance");
    }

    @Override
    java.util.List<String> ownSettingNames() {
        return java.util.List.of("betas", "epsilon");
    }

    @Override
    String name() {
        return decoupled ? "adamW" : "adam";
    }

    @Override
    String settings() {
        return ", beta1=" + Schedule.num(beta1) + ", beta2=" + Schedule.num(beta2) + ", eps=" + Schedule.num(epsilon);
    }

    @Override
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step, double decoupledDecay) {
        long t = state.nextStep();
        // The fused update computes w − c·m/(√v + e); with c = η·√(1−β₂ᵗ)/(1−β₁ᵗ) and e = ε·√(1−β₂ᵗ)
        // that is PyTorch's w − η/(1−β₁ᵗ) · m/(√v/√(1−β₂ᵗ) + ε) exactly.
        double root = Math.sqrt(1 - Math.pow(beta2, t));
        double corrected = lr * root / (1 - Math.pow(beta1, t));
        NDArray m = state.slot("mean", weight::zerosLike);
        NDArray v = state.slot("variance", weight::zerosLike);
        Torch.adamUpdate(weight, g, m, v, (float) lr, (float) corrected, (float) decoupledDecay,
                (float) beta1, (float) beta2, (float) (epsilon * root), decoupled);
    }
}
