package dev.layerwise.train;

import java.util.Locale;

/**
 * Lowers the learning rate when a watched epoch figure stops improving, as Keras's
 * {@code ReduceLROnPlateau} and PyTorch's {@code ReduceLROnPlateau}: after {@link #patience(int)}
 * complete epochs in a row without an improvement larger than {@link #minDelta(double)}, the rate
 * is multiplied by {@link #factor(double)} (never below {@link #minRate(double)}), then
 * {@link #cooldown(int)} epochs pass before counting starts again. The optimizer's state (momentum,
 * Adam's moments) is kept: the rate is scaled where the update uses it, on top of the optimizer's
 * own schedule and the per-layer rates. Each step's record holds the rate used, and the scale is
 * saved with the learner; setting a new optimizer starts again at its own rate.
 *
 * <pre>{@code
 * learner.reduceOnPlateau("val_loss", 0.5, 2);
 * learner.reduceOnPlateau(ReduceOnPlateau.on("val_loss").factor(0.1).patience(3).cooldown(1).minRate(1e-5));
 * }</pre>
 * Keras's defaults: factor 0.1, patience 10, min delta 1e-4, cooldown 0, min rate 0. It prints a
 * line and marks the step on the live chart at each reduction, and counts afresh in each
 * {@code fit}. Registered under the name {@code "reduce-on-plateau"}.
 */
public final class ReduceOnPlateau implements Callback {
    private final Monitor monitor;
    private final double factor;
    private final int patience;
    private final int cooldown;
    private final double minRate;
    private Learner learner;
    private double best = Double.NaN;
    private int bestEpoch;
    private int wait;
    private int cooling;
    private int reductions;

    private ReduceOnPlateau(Monitor monitor, double factor, int patience, int cooldown, double minRate) {
        this.monitor = monitor;
        this.factor = factor;
        this.patience = patience;
        this.cooldown = cooldown;
        this.minRate = minRate;
    }

    /**
     * Reduce-on-plateau on an epoch figure with Keras's defaults (factor 0.1, patience 10, min delta
     * 1e-4, cooldown 0, min rate 0), the mode from the name.
     *
     * @param metric {@code val_loss}, {@code val_accuracy}, {@code loss}, {@code accuracy}, or a
     *     figure a callback of yours records
     * @return the callback, to configure further or pass to {@code learner.reduceOnPlateau(…)}
     */
    public static ReduceOnPlateau on(String metric) {
        return new ReduceOnPlateau(Monitor.of("ReduceOnPlateau.on", metric).withMinDelta("ReduceOnPlateau", 1e-4), 0.1,
                10, 0, 0);
    }

    /**
     * The multiplier applied to the rate at each reduction.
     *
     * @param f strictly between 0 and 1, e.g. 0.1 or 0.5
     * @return a new callback with this setting
     */
    public ReduceOnPlateau factor(double f) {
        if (!(f > 0 && f < 1)) {
            throw new IllegalArgumentException("ReduceOnPlateau.factor(" + f + "): the rate is multiplied by the"
                    + " factor, which must lie strictly between 0 and 1 to lower it, e.g. 0.1 or 0.5.");
        }
        return new ReduceOnPlateau(monitor, f, patience, cooldown, minRate);
    }

    /**
     * How many complete epochs in a row may pass without improvement before the rate is lowered.
     *
     * @param epochs at least 0
     * @return a new callback with this setting
     */
    public ReduceOnPlateau patience(int epochs) {
        return new ReduceOnPlateau(monitor, factor, EarlyStopping.requirePatience("ReduceOnPlateau.patience", epochs),
                cooldown, minRate);
    }

    /**
     * The smallest change that counts as an improvement.
     *
     * @param delta at least 0
     * @return a new callback with this setting
     */
    public ReduceOnPlateau minDelta(double delta) {
        return new ReduceOnPlateau(monitor.withMinDelta("ReduceOnPlateau", delta), factor, patience, cooldown, minRate);
    }

    /**
     * Epochs after a reduction during which epochs without improvement are not counted.
     *
     * @param epochs at least 0
     * @return a new callback with this setting
     */
    public ReduceOnPlateau cooldown(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("ReduceOnPlateau.cooldown(" + epochs + "): the epochs to wait after a"
                    + " reduction must be ≥ 0, e.g. 1.");
        }
        return new ReduceOnPlateau(monitor, factor, patience, epochs, minRate);
    }

    /**
     * The floor: the rate is never lowered below it.
     *
     * @param rate at least 0
     * @return a new callback with this setting
     */
    public ReduceOnPlateau minRate(double rate) {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("ReduceOnPlateau.minRate(" + rate + "): the lowest rate must be a"
                    + " finite number ≥ 0, e.g. 1e-5.");
        }
        return new ReduceOnPlateau(monitor, factor, patience, cooldown, rate);
    }

    /**
     * Whether lower or higher is better, when the name does not say.
     *
     * @param mode {@link MonitorMode#MIN} or {@link MonitorMode#MAX}
     * @return a new callback with this setting
     */
    public ReduceOnPlateau mode(MonitorMode mode) {
        return new ReduceOnPlateau(monitor.withMode("ReduceOnPlateau", mode), factor, patience, cooldown, minRate);
    }

    /** Checks the figure against the learner before registering. */
    ReduceOnPlateau checkedFor(Learner l) {
        monitor.requireKnown("reduceOnPlateau", l);
        monitor.requireMode("reduceOnPlateau");
        return this;
    }

    /** @return the watched figure */
    public String metric() {
        return monitor.metric();
    }

    /** @return the multiplier of each reduction */
    public double factor() {
        return factor;
    }

    /** @return the epochs without improvement it waits */
    public int patience() {
        return patience;
    }

    /** @return the epochs not counted after a reduction */
    public int cooldown() {
        return cooldown;
    }

    /** @return the lowest rate it sets */
    public double minRate() {
        return minRate;
    }

    /** @return reductions made in the current or last {@code fit} */
    public int reductions() {
        return reductions;
    }

    @Override
    public void fitStarted(Learner l, int epochs, long stepsPlanned) {
        monitor.requireMeasured("reduce-on-plateau", l);
        learner = l;
        best = Double.NaN;
        bestEpoch = 0;
        wait = 0;
        cooling = 0;
        reductions = 0;
    }

    @Override
    public void epochEnded(EpochRecord record) {
        if (!record.complete()) {
            return;
        }
        monitor.requireRecorded("reduce-on-plateau", record);
        double value = monitor.value(record);
        boolean inCooldown = cooling > 0;
        if (inCooldown) {
            cooling--;
        }
        if (monitor.improves(value, best)) {
            best = value;
            bestEpoch = record.epoch();
            wait = 0;
        } else if (!inCooldown) {
            wait++;
            if (wait >= patience) {
                reduce(record.epoch());
            }
        }
    }

    private void reduce(int epoch) {
        TrainingState state = learner.state();
        double scheduled = learner.optimizer().learningRate().at(state.optimizerStep());
        double old = scheduled * state.rateFactor();
        if (!(old > minRate)) {
            return; // already at the floor, as Keras
        }
        boolean floor = old * factor < minRate;
        double next = floor ? minRate : old * factor;
        state.rateFactor(floor ? minRate / scheduled : state.rateFactor() * factor);
        cooling = cooldown;
        int epochsWaited = wait;
        wait = 0;
        reductions++;
        learner.history().add(new TrainingEvent(state.step(), "plateau: lr → " + Monitor.num(Double.parseDouble(
                String.format(Locale.ROOT, "%.2g", next))))); // short: labels share the chart's top line
        System.out.println("reduce-on-plateau: " + monitor.notImproved() + " for " + epochsWaited + " epoch"
                + (epochsWaited == 1 ? "" : "s") + (bestEpoch == 0 ? "" : " (best " + Monitor.num(best)
                        + " at epoch " + bestEpoch + ")") + "; learning rate " + Monitor.num(old) + " → "
                + Monitor.num(next) + " after epoch " + epoch + (floor ? " (the floor, minRate)" : "")
                + "; optimizer state kept.");
    }

    @Override
    public String toString() {
        return "ReduceOnPlateau(" + monitor.metric() + ", factor=" + Monitor.num(factor) + ", patience=" + patience
                + ", minDelta=" + Monitor.num(monitor.minDelta()) + ", cooldown=" + cooldown + ", minRate="
                + Monitor.num(minRate) + ")";
    }
}
