package dev.layerwise.search;

import java.util.List;
import java.util.Objects;

/**
 * The median stopping rule of Google Vizier (Golovin et al. 2017): a trial is stopped when the
 * value it reports at some step is worse than the median of the values that earlier finished
 * trials reported at the same step. Use it when each trial trains for several epochs and reports
 * after each with {@link Trial#report(int, double)}; poor settings then cost an epoch or two, not
 * a whole run. Pass it to {@link Search#earlyStopping(MedianStopping)}.
 *
 * @param warmUpSteps reports at steps up to this one never stop a trial (early values are noisy)
 * @param minTrials earlier finished trials needed at a step before its median is trusted
 */
public record MedianStopping(int warmUpSteps, int minTrials) {
    /** Checks the settings. */
    public MedianStopping {
        if (warmUpSteps < 0 || minTrials < 1) {
            throw new IllegalArgumentException("MedianStopping(warmUpSteps=" + warmUpSteps + ", minTrials=" + minTrials
                    + "): expected warmUpSteps ≥ 0 and minTrials ≥ 1, e.g. MedianStopping.rule().");
        }
    }

    /** @return the rule with a warm-up of 1 step and at least 3 earlier finished trials */
    public static MedianStopping rule() {
        return new MedianStopping(1, 3);
    }

    /**
     * This rule with another warm-up.
     *
     * @param steps reports at steps up to this one never stop a trial
     * @return the changed rule
     */
    public MedianStopping warmUp(int steps) {
        return new MedianStopping(steps, minTrials);
    }

    /**
     * This rule with another number of trials needed for a median.
     *
     * @param trials earlier finished trials needed at a step
     * @return the changed rule
     */
    public MedianStopping afterTrials(int trials) {
        return new MedianStopping(warmUpSteps, trials);
    }

    /**
     * The median that a report must not be worse than, or NaN when the rule does not apply yet.
     *
     * @param step the reporting step
     * @param earlier the finished trials so far
     * @return the median of their values at that step, or NaN
     */
    double median(int step, List<TrialRecord> earlier) {
        if (step <= warmUpSteps) {
            return Double.NaN;
        }
        double[] values = earlier.stream().filter(t -> t.state() == TrialState.FINISHED)
                .map(t -> t.reports().get(step)).filter(Objects::nonNull).mapToDouble(Double::doubleValue)
                .filter(Double::isFinite).sorted().toArray();
        if (values.length < minTrials) {
            return Double.NaN;
        }
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    @Override
    public String toString() {
        return "median stopping after " + warmUpSteps + " warm-up step" + (warmUpSteps == 1 ? "" : "s") + ", "
                + minTrials + " trials";
    }
}
