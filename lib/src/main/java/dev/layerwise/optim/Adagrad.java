package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

/**
 * Adagrad (Duchi, Hazan and Singer 2011): each weight's step shrinks with the sum of its squared
 * gradients so far. {@code s ← s + g²; w ← w − η·g / (√s + ε)}.
 */
public final class Adagrad extends BaseOptimizer<Adagrad> {
    private final double epsilon;

    Adagrad(SharedSettings shared, double epsilon) {
        super("adagrad", shared);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("adagrad: epsilon must be > 0, e.g. 1e-10.");
        }
        this.epsilon = epsilon;
    }

    @Override
    Adagrad with(SharedSettings settings) {
        return new Adagrad(settings, epsilon);
    }

    @Override
    java.util.Map<String, Double> numbers() {
        return java.util.Map.of("epsilon", epsilon);
    }

    @Override
    public java.util.Set<String> stateSlots() {
        return java.util.Set.of("sumSquares");
    }

    @Override
    java.util.List<String> ownSettingNames() {
        return java.util.List.of("epsilon");
    }

    @Override
    String name() {
        return "adagrad";
    }

    @Override
    String settings() {
        return ", eps=" + Schedule.num(epsilon);
    }

    @Override
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step, double decoupledDecay) {
        NDArray s = state.slot("sumSquares", weight::zerosLike);
        s.addi(g.square());
        // g itself is divided and scaled in place: the learner clears it after the update anyway
        weight.subi(Torch.muli(g.divi(Torch.addi(s.sqrt(), epsilon)), lr));
    }
}
