package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

/**
 * Adam (Kingma and Ba 2015), and AdamW with decoupled weight decay (Loshchilov and Hutter 2019).
 * With t the step from 1: {@code m ← β₁·m + (1−β₁)·g; v ← β₂·v + (1−β₂)·g²;
 * w ← w − η·√(1−β₂ᵗ)/(1−β₁ᵗ) · m / (√v + ε)} — the paper's efficient form (end of its section 2).
 * AdamW first shrinks the weights: {@code w ← w − η·λ·w}. One native call per parameter.
 */
public final class Adam extends BaseOptimizer<Adam> {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final boolean decoupled;

    Adam(Schedule lr, double beta1, double beta2, double epsilon, boolean decoupled, double weightDecay, double clip) {
        super(decoupled ? "adamW" : "adam", lr, weightDecay, clip);
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
    Adam with(Schedule lr, double decay, double clipBound) {
        return new Adam(lr, beta1, beta2, epsilon, decoupled, decay, clipBound);
    }

    /**
     * This optimizer with other moment decays.
     *
     * @param b1 β₁, e.g. 0.9
     * @param b2 β₂, e.g. 0.999
     * @return the changed optimizer
     */
    public Adam betas(double b1, double b2) {
        return new Adam(learningRate(), b1, b2, epsilon, decoupled, weightDecay(), clip());
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
    String name() {
        return decoupled ? "adamW" : "adam";
    }

    @Override
    String settings() {
        return ", beta1=" + Schedule.num(beta1) + ", beta2=" + Schedule.num(beta2) + ", eps=" + Schedule.num(epsilon);
    }

    @Override
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step) {
        long t = state.nextStep();
        double corrected = lr * Math.sqrt(1 - Math.pow(beta2, t)) / (1 - Math.pow(beta1, t));
        NDArray m = state.slot("mean", weight::zerosLike);
        NDArray v = state.slot("variance", weight::zerosLike);
        Torch.adamUpdate(weight, g, m, v, (float) lr, (float) corrected, decoupled ? (float) weightDecay() : 0f,
                (float) beta1, (float) beta2, (float) epsilon, decoupled);
    }
}
