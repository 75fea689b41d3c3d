package dev.layerwise.optim;

/**
 * Factories for the update rules, learning rate first — a number or a {@link Schedule}:
 * {@code Optimizers.sgd(0.1).momentum(0.9)}, {@code Optimizers.adam(1e-3)}.
 * Every rule also takes {@code .weightDecay(λ)} (with {@code .noDecayOn(patterns)} or
 * {@code .decayWeightsOnly()} to exempt biases and batch norm), {@code .clip(bound)} (each gradient
 * value) and {@code .clipGradNorm(maxNorm)} (all gradients together, by their global norm).
 */
public final class Optimizers {
    private Optimizers() {}

    private static Schedule rate(String who, double lr) {
        Optimizer.requirePositiveRate(who, lr);
        return Schedule.constant(lr);
    }

    /**
     * Plain stochastic gradient descent: {@code w ← w − η·g}.
     *
     * @param learningRate η, above 0
     * @return the optimizer
     */
    public static Sgd sgd(double learningRate) {
        return new Sgd(SharedSettings.of(rate("sgd", learningRate)), null, false);
    }

    /**
     * Plain SGD with a learning-rate schedule.
     *
     * @param learningRate η over the steps
     * @return the optimizer
     */
    public static Sgd sgd(Schedule learningRate) {
        return new Sgd(SharedSettings.of(learningRate), null, false);
    }

    /**
     * SGD with momentum: {@code v ← μ·v + η·g; w ← w − v} (Polyak 1964; Sutskever et al. 2013).
     *
     * @param learningRate η, above 0
     * @param momentum μ, in [0, 1)
     * @return the optimizer
     */
    public static Sgd momentum(double learningRate, double momentum) {
        return new Sgd(SharedSettings.of(rate("momentum", learningRate)), Schedule.constant(momentum), false);
    }

    /**
     * SGD with scheduled rate and momentum, e.g. a rate decaying 0.5 → 1e-4 while momentum rises
     * 0.7 → 0.995.
     *
     * @param learningRate η over the steps
     * @param momentum μ over the steps
     * @return the optimizer
     */
    public static Sgd momentum(Schedule learningRate, Schedule momentum) {
        return new Sgd(SharedSettings.of(learningRate), momentum, false);
    }

    /**
     * Nesterov momentum: {@code v ← μ·v + η·g; w ← w − (η·g + μ·v)} (Sutskever et al. 2013).
     *
     * @param learningRate η, above 0
     * @param momentum μ, in [0, 1)
     * @return the optimizer
     */
    public static Sgd nesterov(double learningRate, double momentum) {
        return new Sgd(SharedSettings.of(rate("nesterov", learningRate)), Schedule.constant(momentum), true);
    }

    /**
     * RMSprop with ρ = 0.9 and ε = 1e-8 (Hinton 2012).
     *
     * @param learningRate η, above 0, e.g. 1e-3
     * @return the optimizer
     */
    public static RmsProp rmsprop(double learningRate) {
        return new RmsProp(SharedSettings.of(rate("rmsprop", learningRate)), 0.9, 1e-8);
    }

    /**
     * Adagrad with ε = 1e-10 (Duchi et al. 2011).
     *
     * @param learningRate η, above 0, e.g. 0.01
     * @return the optimizer
     */
    public static Adagrad adagrad(double learningRate) {
        return new Adagrad(SharedSettings.of(rate("adagrad", learningRate)), 1e-10);
    }

    /**
     * Adadelta (Zeiler 2012) with ρ = 0.9 and ε = 1e-6. The paper used rate 1 and ρ = 0.95
     * ({@code adadelta(1.0).rho(0.95)}); 0.9 is PyTorch's default.
     *
     * @param learningRate η, above 0, usually 1.0
     * @return the optimizer
     */
    public static Adadelta adadelta(double learningRate) {
        return new Adadelta(SharedSettings.of(rate("adadelta", learningRate)), 0.9, 1e-6);
    }

    /**
     * Adam with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (Kingma and Ba 2015).
     *
     * @param learningRate η, above 0, e.g. 1e-3
     * @return the optimizer
     */
    public static Adam adam(double learningRate) {
        return new Adam(SharedSettings.of(rate("adam", learningRate)), 0.9, 0.999, 1e-8, false);
    }

    /**
     * Adam with a learning-rate schedule.
     *
     * @param learningRate η over the steps
     * @return the optimizer
     */
    public static Adam adam(Schedule learningRate) {
        return new Adam(SharedSettings.of(learningRate), 0.9, 0.999, 1e-8, false);
    }

    /**
     * AdamW: Adam with weight decay decoupled from the gradient (Loshchilov and Hutter 2019):
     * {@code w ← w − η·λ·w} before Adam's step, as PyTorch's {@code torch.optim.AdamW}.
     *
     * @param learningRate η, above 0, e.g. 1e-3
     * @param weightDecay λ, e.g. 0.01
     * @return the optimizer
     */
    public static Adam adamW(double learningRate, double weightDecay) {
        return new Adam(SharedSettings.of(rate("adamW", learningRate)).withDecay(weightDecay), 0.9, 0.999, 1e-8, true);
    }

    /**
     * AdamW with PyTorch's default weight decay λ = 0.01; e.g.
     * {@code Optimizers.adamW(1e-3).decayWeightsOnly()} leaves biases and batch norm undecayed.
     *
     * @param learningRate η, above 0, e.g. 1e-3
     * @return the optimizer
     */
    public static Adam adamW(double learningRate) {
        return adamW(learningRate, 0.01);
    }

    /**
     * AdamW (λ = 0.01) with a learning-rate schedule.
     *
     * @param learningRate η over the steps
     * @return the optimizer
     */
    public static Adam adamW(Schedule learningRate) {
        return new Adam(SharedSettings.of(learningRate).withDecay(0.01), 0.9, 0.999, 1e-8, true);
    }
}
