package dev.layerwise.search;

import java.util.Locale;

/**
 * Thrown by {@link Trial#report(int, double)} when early stopping decides the trial is hopeless.
 * The search catches it and records the trial as {@link TrialState#PRUNED}; an objective lets it
 * pass (catching it would keep training a trial the search has given up on).
 */
public final class TrialPrunedException extends RuntimeException {
    private final int step;
    private final double value;

    TrialPrunedException(int trial, int step, double value, double median) {
        super(String.format(Locale.ROOT, "trial %d pruned at step %d: %.4g is worse than the median %.4g of earlier"
                + " trials at that step", trial, step, value, median), null, false, false);
        this.step = step;
        this.value = value;
    }

    /** @return the step whose report ended the trial */
    public int step() {
        return step;
    }

    /** @return the value reported at that step */
    public double value() {
        return value;
    }
}
