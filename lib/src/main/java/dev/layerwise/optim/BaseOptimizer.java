package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;
import dev.layerwise.engine.Torch;
import dev.layerwise.nn.ParamSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The settings every update rule shares — a learning-rate schedule, weight decay and the
 * parameters it skips, and two kinds of gradient clipping — and the fluent methods that change them.
 *
 * <p>Clipping, in the order it happens: {@link #clipGradNorm(double)} scales all gradients
 * together when their global norm is too large (PyTorch's {@code clip_grad_norm_}); then
 * {@link #clip(double)} bounds each gradient value (PyTorch's {@code clip_grad_value_}); then weight
 * decay, then the rule itself.
 *
 * @param <T> the concrete optimizer, so fluent methods keep their type
 */
public abstract class BaseOptimizer<T extends BaseOptimizer<T>> implements Optimizer {
    private final SharedSettings shared;

    BaseOptimizer(String name, SharedSettings shared) {
        Schedule learningRate = shared.learningRate();
        if (learningRate == null) {
            throw new IllegalArgumentException(name + "(null): expected a learning rate or a Schedule.");
        }
        double first = learningRate.at(0);
        if (!(first >= 0) || Double.isInfinite(first)) {
            throw new IllegalArgumentException(name + ": the learning rate schedule starts at " + first
                    + "; it must give finite values ≥ 0.");
        }
        double weightDecay = shared.weightDecay();
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay(" + weightDecay + "): must be a finite number ≥ 0,"
                    + " e.g. 1e-4.");
        }
        double clip = shared.clip();
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip(" + clip + "): the clipping bound must be a finite number ≥ 0"
                    + " (0 turns clipping off), e.g. clip(1.0).");
        }
        double maxNorm = shared.clipGradNorm();
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm(" + maxNorm + "): the largest gradient norm must be a"
                    + " finite number ≥ 0 (0 turns it off), e.g. clipGradNorm(1.0).");
        }
        this.shared = shared;
    }

    /**
     * A copy with other shared settings.
     *
     * @param settings the shared settings
     * @return the copy
     */
    abstract T with(SharedSettings settings);

    /** @return the rule's name, e.g. {@code adam} */
    abstract String name();

    /** @return the rule's own settings for {@link #describe()}, e.g. {@code , beta1=0.9} */
    abstract String settings();

    /** @return the names of the rule's own settings, e.g. {@code betas}, for messages */
    abstract List<String> ownSettingNames();

    /** The numbers particular to this rule (betas, rho, epsilon, ...), by name, for saving it exactly. */
    abstract Map<String, Double> numbers();

    /**
     * Applies the rule in place with the prepared gradient.
     *
     * @param weight the parameter
     * @param gradient the clipped (and for coupled decay, decayed) gradient
     * @param state the parameter's state
     * @param lr the learning rate for this step and parameter
     * @param step updates made before, from 0
     * @param decoupledDecay λ for a rule that decays the weights itself (AdamW), 0 for this parameter otherwise
     */
    abstract void apply(NDArray weight, NDArray gradient, ParamState state, double lr, long step,
            double decoupledDecay);

    /** @return whether weight decay is added to the gradient (L2); AdamW decouples it instead */
    boolean couplesDecay() {
        return true;
    }

    SharedSettings shared() {
        return shared;
    }

    /**
     * This optimizer with weight decay: L2 ({@code g + λ·w}) for every rule but AdamW, which
     * shrinks the weights directly. Parameters exempted with {@link #noDecayOn(String...)} or
     * {@link #decayWeightsOnly()} stay exempt.
     *
     * @param lambda the decay, e.g. 1e-4
     * @return the changed optimizer
     */
    public T weightDecay(double lambda) {
        return with(shared.withDecay(lambda));
    }

    /**
     * This optimizer without weight decay on some parameters, as a PyTorch parameter group with
     * {@code weight_decay=0}: e.g. {@code noDecayOn("*.bias", "batchnorm*")}. A pattern matches a
     * parameter's full name ({@code dense_1.bias}) or its layer's name ({@code batchnorm_1});
     * {@code *} stands for any characters. A learner refuses a pattern that matches nothing.
     *
     * @param patterns parameter or layer names, or globs
     * @return the changed optimizer
     */
    public T noDecayOn(String... patterns) {
        return with(shared.withNoDecay(shared.noDecay().plus(patterns)));
    }

    /**
     * This optimizer with weight decay on the connection weights of dense and conv layers only:
     * biases and batch-norm scale and shift are exempt, the usual recipe for AdamW.
     *
     * @return the changed optimizer
     */
    public T decayWeightsOnly() {
        return with(shared.withNoDecay(shared.noDecay().weightsOnly()));
    }

    /**
     * This optimizer with each gradient value clipped to [−bound, bound] before the update
     * (PyTorch's {@code clip_grad_value_}).
     *
     * @param bound the bound, or 0 for no clipping
     * @return the changed optimizer
     */
    public T clip(double bound) {
        return with(shared.withClip(bound));
    }

    /**
     * This optimizer with all gradients scaled together when their global L2 norm (over every
     * parameter that learns) exceeds {@code maxNorm}: by {@code maxNorm / (norm + 1e-6)}, only
     * when that is below 1 — PyTorch's {@code torch.nn.utils.clip_grad_norm_}. The direction of the
     * step is kept; only its length is capped. Watched learners record the norm before clipping as
     * {@code grad_norm}.
     *
     * @param maxNorm the largest norm, e.g. 1.0, or 0 to turn it off
     * @return the changed optimizer
     */
    public T clipGradNorm(double maxNorm) {
        return with(shared.withClipGradNorm(maxNorm));
    }

    /**
     * This optimizer with another learning rate.
     *
     * @param lr the rate, above 0
     * @return the changed optimizer
     */
    public T learningRate(double lr) {
        Optimizer.requirePositiveRate(name(), lr);
        return with(shared.withRate(Schedule.constant(lr)));
    }

    /**
     * This optimizer with a learning-rate schedule.
     *
     * @param lr the schedule
     * @return the changed optimizer
     */
    public T learningRate(Schedule lr) {
        return with(shared.withRate(lr));
    }

    @Override
    public Schedule learningRate() {
        return shared.learningRate();
    }

    /** @return the weight decay λ */
    public double weightDecay() {
        return shared.weightDecay();
    }

    /** @return the element-wise clipping bound, 0 when off */
    public double clip() {
        return shared.clip();
    }

    @Override
    public double clipGradNorm() {
        return shared.clipGradNorm();
    }

    /** @return the name patterns weight decay skips, as given to {@link #noDecayOn(String...)} */
    public List<String> noDecayPatterns() {
        return shared.noDecay().patterns();
    }

    /** @return whether only connection weights are decayed ({@link #decayWeightsOnly()}) */
    public boolean decaysWeightsOnly() {
        return shared.noDecay().isWeightsOnly();
    }

    /**
     * The exemption patterns that match none of the given parameters.
     *
     * @param parameters a net's parameters
     * @return the patterns that would do nothing, in the order given
     */
    public List<String> unmatchedNoDecay(List<ParamSpec> parameters) {
        return shared.noDecay().unmatched(parameters);
    }

    @Override
    public boolean decays(ParamSpec parameter) {
        return shared.noDecay().decays(parameter);
    }

    @Override
    public abstract Set<String> stateSlots();

    /**
     * The names of every setting this rule has, for messages such as "adagrad has no momentum".
     *
     * @return e.g. {@code [learning rate, betas, epsilon, weight decay, clip, clipGradNorm]}
     */
    public List<String> settingNames() {
        List<String> all = new java.util.ArrayList<>(List.of("learning rate"));
        all.addAll(ownSettingNames());
        all.addAll(List.of("weight decay", "clip", "clipGradNorm"));
        return all;
    }

    @Override
    public final void update(NDArray weight, NDArray gradient, ParamState state, double rateScale, long step) {
        update(weight, gradient, state, rateScale, step, true);
    }

    @Override
    public final void update(NDArray weight, NDArray gradient, ParamState state, double rateScale, long step,
            boolean decay) {
        NDArray g = gradient;
        double clip = shared.clip();
        if (clip > 0) {
            g = g.clip(-clip, clip);
        }
        double lambda = decay ? shared.weightDecay() : 0;
        if (lambda > 0 && couplesDecay()) {
            g = g.add(weight.mul(Torch.scalar(lambda, weight)));
        }
        apply(weight, g, state, learningRate().at(step) * rateScale, step, couplesDecay() ? 0 : lambda);
    }

    @Override
    public String describe() {
        return name() + "(lr=" + learningRate().describe() + settings()
                + (weightDecay() > 0 ? ", weightDecay=" + Schedule.num(weightDecay()) : "")
                + shared.noDecay().describe()
                + (clip() > 0 ? ", clip=" + Schedule.num(clip()) : "")
                + (clipGradNorm() > 0 ? ", clipGradNorm=" + Schedule.num(clipGradNorm()) : "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((BaseOptimizer<?>) o).describe().equals(describe());
    }

    @Override
    public int hashCode() {
        return describe().hashCode();
    }
}
