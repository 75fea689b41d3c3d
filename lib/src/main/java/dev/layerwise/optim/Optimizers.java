package dev.layerwise.optim;

/** Factories for the update rules, learning rate first: {@code Optimizers.sgd(0.1).momentum(0.9)}. */
public final class Optimizers {
    private Optimizers() {}

    /**
     * Plain stochastic gradient descent: {@code w ← w − η·g}.
     *
     * @param learningRate η, above 0
     * @return the optimizer
     */
    public static Sgd sgd(double learningRate) {
        return new Sgd(learningRate, 0, 0);
    }

    /**
     * SGD with momentum: {@code v ← μ·v + η·g; w ← w − v} (Polyak 1964; Sutskever et al. 2013).
     *
     * @param learningRate η, above 0
     * @param momentum μ, in [0, 1)
     * @return the optimizer
     */
    public static Sgd momentum(double learningRate, double momentum) {
        return new Sgd(learningRate, momentum, 0);
    }
}
