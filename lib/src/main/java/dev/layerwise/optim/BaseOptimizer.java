package dev.layerwise.optim;

import ai.djl.ndarray.NDArray;

/**
 * The settings every update rule shares — a learning-rate schedule, L2 weight decay and
 * element-wise gradient clipping — and the fluent methods that change them.
 *
 * @param <T> the concrete optimizer, so fluent methods keep their type
 */
public abstract class BaseOptimizer<T extends BaseOptimizer<T>> implements Optimizer {
    private final Schedule learningRate;
    private final double weightDecay;
    private final double clip;

    BaseOptimizer(String name, Schedule learningRate, double weightDecay, double clip) {
        if (learningRate == null) {
            throw new IllegalArgumentException(name + "(null): expected a learning rate or a Schedule.");
        }
        double first = learningRate.at(0);
        if (!(first >= 0) || Double.isInfinite(first)) {
            throw new IllegalArgumentException(name + ": the learning rate schedule starts at " + first
                    + "; it must give finite values ≥ 0.");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay(" + weightDecay + "): must be a finite number ≥ 0,"
                    + " e.g. 1e-4.");
        }
        if (!(clip >= 0) || Double.isInfinite(clip)) {
            throw new IllegalArgumentException("clip(" + clip + "): the clipping bound must be a finite number ≥ 0"
                    + " (0 turns clipping off), e.g. clip(1.0).");
        }
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.clip = clip;
    }

    /**
     * A copy with other shared settings.
     *
     * @param lr the learning rate
     * @param decay the weight decay
     * @param clipBound the clipping bound
     * @return the copy
     */
    abstract T with(Schedule lr, double decay, double clipBound);

    /** @return the rule's name, e.g. {@code adam} */
    abstract String name();

    /** @return the rule's own settings for {@link #describe()}, e.g. {@code , beta1=0.9} */
    abstract String settings();

    /**
     * Applies the rule in place with the prepared gradient.
     *
     * @param weight the parameter
     * @param gradient the clipped (and for coupled decay, decayed) gradient
     * @param state the parameter's state
     * @param lr the learning rate for this step and parameter
     * @param step updates made before, from 0
     */
    abstract void apply(NDArray weight, NDArray gradient, ParamState state, double lr, long step);

    /** @return whether weight decay is added to the gradient (L2); AdamW decouples it instead */
    /** The numbers particular to this rule (betas, rho, epsilon, ...), by name, for saving it exactly. */
    abstract java.util.Map<String, Double> numbers();

    boolean couplesDecay() {
        return true;
    }

    /**
     * This optimizer with L2 weight decay: the gradient becomes {@code g + λ·w}.
     *
     * @param lambda the decay, e.g. 1e-4
     * @return the changed optimizer
     */
    public T weightDecay(double lambda) {
        return with(learningRate, lambda, clip);
    }

    /**
     * This optimizer with each gradient value clipped to [−bound, bound] before the update.
     *
     * @param bound the bound, or 0 for no clipping
     * @return the changed optimizer
     */
    public T clip(double bound) {
        return with(learningRate, weightDecay, bound);
    }

    /**
     * This optimizer with another learning rate.
     *
     * @param lr the rate, above 0
     * @return the changed optimizer
     */
    public T learningRate(double lr) {
        Optimizer.requirePositiveRate(name(), lr);
        return with(Schedule.constant(lr), weightDecay, clip);
    }

    /**
     * This optimizer with a learning-rate schedule.
     *
     * @param lr the schedule
     * @return the changed optimizer
     */
    public T learningRate(Schedule lr) {
        return with(lr, weightDecay, clip);
    }

    @Override
    public Schedule learningRate() {
        return learningRate;
    }

    /** @return the weight decay λ */
    public double weightDecay() {
        return weightDecay;
    }

    /** @return the clipping bound, 0 when off */
    public double clip() {
        return clip;
    }

    @Override
    public final void update(NDArray weight, NDArray gradient, ParamState state, double rateScale, long step) {
        NDArray g = gradient;
        if (clip > 0) {
            g = g.clip(-clip, clip);
        }
        if (weightDecay > 0 && couplesDecay()) {
            g = g.add(weight.mul(weightDecay));
        }
        apply(weight, g, state, learningRate.at(step) * rateScale, step);
    }

    @Override
    public String describe() {
        return name() + "(lr=" + learningRate.describe() + settings()
                + (weightDecay > 0 ? ", weightDecay=" + Schedule.num(weightDecay) : "")
                + (clip > 0 ? ", clip=" + Schedule.num(clip) : "") + ")";
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
