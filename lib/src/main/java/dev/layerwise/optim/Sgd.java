package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;

/**
 * Stochastic gradient descent, optionally with momentum (Polyak 1964) or Nesterov momentum
 * (Nesterov 1983; Sutskever et al. 2013, written for the look-ahead weights, as PyTorch does). With
 * rate η and momentum μ:
 * <ul>
 *   <li>plain: {@code w ← w − η·g}</li>
 *   <li>momentum: {@code v ← μ·v + η·g; w ← w − v}</li>
 *   <li>Nesterov: {@code v ← μ·v + η·g; w ← w − (η·g + μ·v)}</li>
 * </ul>
 * The rate sits inside the velocity, as in Sutskever et al., so a decaying rate slows the velocity
 * smoothly. Updates work in place, with no temporary arrays except Nesterov's look-ahead.
 *
 * <p>Against PyTorch's {@code torch.optim.SGD} (dampening 0), whose buffer holds gradients
 * ({@code b ← μ·b + g; w ← w − η·b}): with a constant rate the two are the same steps, {@code v = η·b};
 * the velocity starts at zero, so the first step is {@code η·g}, exactly PyTorch's first step with
 * the buffer set to the first gradient. When the rate changes, the velocity keeps the steps already
 * taken at the old rate and the new rate applies to new gradients ({@code v ← μ·v + η_new·g}), where
 * PyTorch would rescale the whole buffer at once ({@code η_new·(μ·b + g)}).
 */
public final class Sgd extends BaseOptimizer<Sgd> {
    private final Schedule momentum;
    private final boolean nesterov;

    Sgd(SharedSettings shared, Schedule momentum, boolean nesterov) {
        super(nesterov ? "nesterov" : "sgd", shared);
        if (momentum != null) {
            double m = momentum.at(0);
            if (!(m >= 0 && m < 1)) {
                throw new IllegalArgumentException("momentum(" + m + "): momentum must be in [0, 1);"
                        + " typical values are 0.5 to 0.99.");
            }
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    @Override
    Sgd with(SharedSettings settings) {
        return new Sgd(settings, momentum, nesterov);
    }

    /**
     * This optimizer with momentum.
     *
     * @param mu the momentum, in [0, 1), e.g. 0.9
     * @return the changed optimizer
     */
    public Sgd momentum(double mu) {
        return new Sgd(shared(), Schedule.constant(mu), nesterov);
    }

    /**
     * This optimizer with a momentum schedule, e.g. {@code Schedule.linear(0.7, 0.995, 10_000)}.
     *
     * @param mu the schedule
     * @return the changed optimizer
     */
    public Sgd momentum(Schedule mu) {
        if (mu == null) {
            throw new IllegalArgumentException("momentum(null): expected a momentum schedule, e.g."
                    + " Schedule.linear(0.7, 0.995, 10_000).");
        }
        return new Sgd(shared(), mu, nesterov);
    }

    /** @return this optimizer with Nesterov's look-ahead momentum */
    public Sgd nesterov() {
        return new Sgd(shared(), momentum == null ? Schedule.constant(0.9) : momentum, true);
    }

    @Override
    public Schedule momentum() {
        return momentum;
    }

    @Override
    java.util.Map<String, Double> numbers() {
        return java.util.Map.of("nesterov", nesterov ? 1.0 : 0.0);
    }

    @Override
    public java.util.Set<String> stateSlots() {
        return momentum == null ? java.util.Set.of() : java.util.Set.of("velocity");
    }

    @Override
    java.util.List<String> ownSettingNames() {
        return momentum == null ? java.util.List.of() : java.util.List.of("momentum");
    }

    @Override
    String name() {
        return nesterov ? "nesterov" : momentum != null ? "momentum" : "sgd";
    }

    @Override
    String settings() {
        return momentum == null ? "" : ", momentum=" + momentum.describe();
    }

    @Override
    void apply(NDArray weight, NDArray g, ParamState state, double lr, long step, double decoupledDecay) {
        // In-place on the gradient, which the learner clears after the update anyway: two passes
        // over memory for plain SGD and four with momentum, no temporary arrays (DJL's fused
        // sgdUpdate clones the gradient and makes six passes), and reused scalar operands.
        NDArray scaled = Torch.muli(g, lr);
        if (momentum == null) {
            weight.subi(scaled);
            return;
        }
        double mu = momentum.at(step);
        NDArray v = state.slot("velocity", weight::zerosLike);
        Torch.muli(v, mu).addi(scaled);
        if (nesterov) {
            weight.subi(scaled.addi(v.mul(Torch.scalar(mu, v))));
        } else {
            weight.subi(v);
        }
    }
}
