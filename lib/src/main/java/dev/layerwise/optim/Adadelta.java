package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

/**
 * Adadelta (Zeiler 2012): steps sized by the ratio of running RMS of past updates to running RMS
 * of gradients, so it needs little tuning of the rate.
 * {@code a ← ρ·a + (1−ρ)·g²; Δ = √(d + ε) / √(a + ε) · g; d ← ρ·d + (1−ρ)·Δ²; w ← w − η·Δ}
 * with η = 1 in the paper, which used ρ = 0.95 and ε = 1e-6 ({@code .rho(0.95)}; the default ρ
 * is PyTorch's 0.9).
 */
public final class Adadelta extends BaseOptimizer<Adadelta> {
    private final double rho;
    private final double epsilon;

    Adadelta(SharedSettings shared, double rho, double epsilon) {
        super("adadelta", shared);
        if (!(rho > 0 && rho < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("adadelta(rho=" + rho + ", epsilon=" + epsilon
                    + "): expected 0 < rho < 1 and epsilon > 0; the defaults are 0.9 and 1e-6.");
        }
        this.rho = rho;
        this.epsilon = epsilon;
    }

    @Override
    Adadelta with(SharedSettings settings) {
        return new Adadelta(settings, rho, epsilon);
    }

    /**
     * This optimizer with another decay of its two running averages. Zeiler (2012) used ρ = 0.95
     * with ε = 1e-6 on MNIST; the default 0.9 is PyTorch's.
     *
     * @param newRho ρ in (0, 1), e.g. 0.95
     * @return the changed optimizer
     */
    public Adadelta rho(double newRho) {
        return new Adadelta(shared(), newRho, epsilon);
    }

    @Override
    java.util.Map<String, Double> numbers() {
        return java.util.Map.of("rho", rho, "epsilon", epsilon);
    }

    @Override
    public java.util.Set<String> stateSlots() {
        return java.util.Set.of("meanSquareGradient", "meanSquareDelta");
    }

    @Override
    java.util.List<String> ownSettingNames() {
        return java.util.List.of("rho", "epsilon");
    }

    @Override
    String name() {
        return "adadelta";
    }

    @Override
    String settings() {
        return ", rho=" + Schedule.num(rho) + ", eps=" + Schedule.num(epsilon);
    }

    @Override
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step, double decoupledDecay) {
        NDArray sqGrad = state.slot("meanSquareGradient", weight::zerosLike);
        NDArray sqDelta = state.slot("meanSquareDelta", weight::zerosLike);
        Torch.muli(sqGrad, rho).addi(Torch.muli(g.square(), 1 - rho));
        NDArray delta = sqDelta.add(Torch.scalar(epsilon, sqDelta)).sqrt()
                .divi(sqGrad.add(Torch.scalar(epsilon, sqGrad)).sqrt()).muli(g);
        Torch.muli(sqDelta, rho).addi(Torch.muli(delta.square(), 1 - rho));
        weight.subi(Torch.muli(delta, lr));
    }
}
