package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

/**
 * RMSprop (Hinton, Coursera lecture 6e, 2012): divides the step by a running root mean square of
 * recent gradients. {@code s ← ρ·s + (1−ρ)·g²; w ← w − η·g / (√s + ε)}.
 */
public final class RmsProp extends BaseOptimizer<RmsProp> {
    private final double rho;
    private final double epsilon;

    RmsProp(SharedSettings shared, double rho, double epsilon) {
        super("rmsprop", shared);
        if (!(rho > 0 && rho < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("rmsprop(rho=" + rho + ", epsilon=" + epsilon
                    + "): expected 0 < rho < 1 and epsilon > 0; the defaults are 0.9 and 1e-8.");
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    RmsProp with(SharedSettings settings) {
        return new RmsProp(settings, rho, epsilon);
    }

    /**
     * This optimizer with another decay of the running average.
     *
     * @param newRho ρ in (0, 1), e.g. 0.9
     * @return the changed optimizer
     */
    public RmsProp rho(double newRho) {
        return new RmsProp(shared(), newRho, epsilon);
    }

    @Override
    java.util.Map<String, Double> numbers() {
        return java.util.Map.of("rho", rho, "epsilon", epsilon);
    }

    @Override
    public java.util.Set<String> stateSlots() {
        return java.util.Set.of("meanSquare");
    }

    @Override
    java.util.List<String> ownSettingNames() {
        return java.util.List.of("rho", "epsilon");
    }

    @Override
    String name() {
        return "rmsprop";
    }

    @Override
    String settings() {
        return ", rho=" + Schedule.num(rho) + ", eps=" + Schedule.num(epsilon);
    }

    @Override
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step, double decoupledDecay) {
        NDArray s = state.slot("meanSquare", weight::zerosLike);
        // g itself is divided and scaled in place: the learner clears it after the update anyway
        Torch.muli(s, rho).addi(Torch.muli(g.square(), 1 - rho));
        weight.subi(Torch.muli(g.divi(Torch.addi(s.sqrt(), epsilon)), lr));
    }
}
