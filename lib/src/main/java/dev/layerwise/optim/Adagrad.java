package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;

/**
 * Adagrad (Duchi, Hazan and Singer 2011): each weight's step shrinks with the sum of its squared
 * gradients so far. {@code s ← s + g²; w ← w − η·g / (√s + ε)}.
 */
public final class Adagrad extends BaseOptimizer<Adagrad> {
    private final double epsilon;

    Adagrad(Schedule lr, double epsilon, double weightDecay, double clip) {
        super("adagrad", lr, weightDecay, clip);
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("adagrad: epsilon must be > 0, e.g. 1e-10.");
        }
        this.epsilon = epsilon;
    }

    @Override
    Adagrad with(Schedule lr, double decay, double clipBound) {
        return new Adagrad(lr, epsilon, decay, clipBound);
    }

    @Override
    java.util.Map<String, Double> numbers() {
        return java.util.Map.of("epsilon", epsilon);
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
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step) {
        NDArray s = state.slot("sumSquares", weight::zerosLike);
        s.addi(g.square());
        weight.subi(g.div(s.sqrt().addi(epsilon)).muli(lr));
    }
}
