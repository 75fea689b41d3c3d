package dev.layerwise.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trial an objective is asked to run: its hyperparameter values, and a way to report progress
 * so that early stopping can end a poor trial.
 * <pre>{@code
 * search.run(trial -> {
 *     var p = trial.params();
 *     var learner = Learner.of(net, data).optimizer(Optimizers.momentum(p.d("lr"), p.d("momentum")));
 *     learner.removeCallback("progress");
 *     for (int epoch = 1; epoch <= 3; epoch++) {
 *         learner.fit(1);
 *         trial.report(epoch, learner.evaluate().accuracy());
 *     }
 *     return learner.evaluate().accuracy();
 * });
 * }</pre>
 */
public final class Trial {
    private final int number;
    private final Params params;
    private final MedianStopping stopping;
    private final List<TrialRecord> earlier;
    private final boolean maximize;
    private final Map<Integer, Double> reports = new LinkedHashMap<>();

    Trial(int number, Params params, MedianStopping stopping, List<TrialRecord> earlier, boolean maximize) {
        this.number = number;
        this.params = params;
        this.stopping = stopping;
        this.earlier = earlier;
        this.maximize = maximize;
    }

    /** @return its number, counting from 1 */
    public int number() {
        return number;
    }

    /** @return the hyperparameter values to try */
    public Params params() {
        return params;
    }

    /**
     * Reports an intermediate value, e.g. the test accuracy after an epoch. With early stopping on,
     * a value worse than the median of earlier trials at the same step throws
     * {@link TrialPrunedException}, which the search records as a pruned trial.
     *
     * @param step the step, e.g. the epoch, counting from 1
     * @param value the value, on the scale of the final score
     * @throws TrialPrunedException when early stopping ends this trial
     */
    public void report(int step, double value) {
        if (step < 1) {
            throw new IllegalArgumentException("report(" + step + ", " + value + "): steps count from 1, e.g. the epoch.");
        }
        reports.put(step, value);
        if (stopping == null || !Double.isFinite(value)) {
            return;
        }
        double median = stopping.median(step, earlier);
        if (Double.isFinite(median) && (maximize ? value < median : value > median)) {
            throw new TrialPrunedException(number, step, value, median);
        }
    }

    /** @return the values reported so far, by step */
    public Map<Integer, Double> reports() {
        return Map.copyOf(reports);
    }

    double lastReport() {
        return reports.isEmpty() ? Double.NaN : reports.values().stream().reduce((a, b) -> b).orElseThrow();
    }

    Map<Integer, Double> reportsInOrder() {
        return reports;
    }

    @Override
    public String toString() {
        return "Trial " + number + ": " + params;
    }
}
