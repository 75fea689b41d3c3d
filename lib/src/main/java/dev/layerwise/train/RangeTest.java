package dev.layerwise.train;

import dev.layerwise.optim.Schedule;

/**
 * The settings of a learning-rate range test (Smith 2017, "Cyclical Learning Rates for Training
 * Neural Networks", §3.3; fastai's {@code lr_find}): the rate grows geometrically from
 * {@link #from(double)} to {@link #to(double)} over {@link #steps(int)} training steps, and the
 * test stops early once the smoothed loss exceeds {@link #divergence(double)} times its lowest
 * value. fastai's defaults: 1e-7 to 10 over 100 steps, stop at 4 × the best, smoothing β = 0.98.
 *
 * <pre>{@code
 * var found = learner.findLearningRate();                                  // the defaults
 * var found = learner.findLearningRate(RangeTest.from(1e-5).to(1).steps(50));
 * }</pre>
 */
public final class RangeTest {
    private final double start;
    private final double end;
    private final int steps;
    private final double divergence;
    private final double smoothing;

    private RangeTest(double start, double end, int steps, double divergence, double smoothing) {
        this.start = start;
        this.end = end;
        this.steps = steps;
        this.divergence = divergence;
        this.smoothing = smoothing;
    }

    /** @return fastai's defaults: 1e-7 to 10 over 100 steps, stop at 4 × the best smoothed loss, β = 0.98 */
    public static RangeTest defaults() {
        return new RangeTest(1e-7, 10, 100, 4, 0.98);
    }

    /**
     * The defaults with another first rate.
     *
     * @param rate above 0 and below the last rate (set that with {@link #to(double)})
     * @return the settings
     */
    public static RangeTest from(double rate) {
        return defaults().start(rate);
    }

    /**
     * These settings with another first rate.
     *
     * @param rate above 0 and below the last rate
     * @return new settings
     */
    public RangeTest start(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("RangeTest.from(" + rate + "): the first rate must be a finite number"
                    + " above 0, e.g. 1e-7."); // the pair is checked when the test runs
        }
        return new RangeTest(rate, end, steps, divergence, smoothing);
    }

    /**
     * These settings with another last rate.
     *
     * @param rate above the first rate
     * @return new settings
     */
    public RangeTest to(double rate) {
        requireRange(start, rate);
        return new RangeTest(start, rate, steps, divergence, smoothing);
    }

    /**
     * These settings with another number of steps; the data must have at least that many batches.
     *
     * @param count at least 5, typically 100
     * @return new settings
     */
    public RangeTest steps(int count) {
        if (count < 5) {
            throw new IllegalArgumentException("RangeTest.steps(" + count + "): the test needs at least 5 steps to"
                    + " draw a curve; 100 is usual (fastai's default).");
        }
        return new RangeTest(start, end, count, divergence, smoothing);
    }

    /**
     * Stops the test once the smoothed loss exceeds this many times its lowest value.
     *
     * @param times above 1, e.g. 4; {@code Double.POSITIVE_INFINITY} runs every step
     * @return new settings
     */
    public RangeTest divergence(double times) {
        if (!(times > 1)) {
            throw new IllegalArgumentException("RangeTest.divergence(" + times + "): the test stops when the smoothed"
                    + " loss exceeds this many times its lowest value, so it must be above 1, e.g. 4.");
        }
        return new RangeTest(start, end, steps, times, smoothing);
    }

    /**
     * The weight β of the loss's exponential moving average (bias-corrected, as fastai).
     *
     * @param beta in [0, 1), e.g. 0.98; 0 does not smooth
     * @return new settings
     */
    public RangeTest smoothing(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("RangeTest.smoothing(" + beta + "): β must be in [0, 1), e.g. 0.98"
                    + " (0 turns smoothing off).");
        }
        return new RangeTest(start, end, steps, divergence, beta);
    }

    /** Checks the pair of rates before the test runs (a first rate may be set above the default last one). */
    void requireRange() {
        requireRange(start, end);
    }

    private static void requireRange(double first, double last) {
        if (!(first > 0) || !(last > first) || Double.isInfinite(last)) {
            throw new IllegalArgumentException("RangeTest: rates from " + first + " to " + last + " cannot be tested;"
                    + " the first rate must be above 0 and the last finite and above the first, e.g."
                    + " RangeTest.from(1e-7).to(10).");
        }
    }

    /**
     * The rate of one step: {@code start · (end/start)^(i/(steps−1))}.
     *
     * @param i the step, from 0
     * @return the rate
     */
    public double rateAt(int i) {
        return start * Math.pow(end / start, i / (double) (steps - 1));
    }

    /** @return the first rate */
    public double start() {
        return start;
    }

    /** @return the last rate */
    public double end() {
        return end;
    }

    /** @return the number of steps */
    public int steps() {
        return steps;
    }

    /** @return the divergence threshold, as a multiple of the lowest smoothed loss */
    public double divergence() {
        return divergence;
    }

    /** @return the smoothing weight β */
    public double smoothing() {
        return smoothing;
    }

    @Override
    public String toString() {
        return "RangeTest(" + Schedule.num(start) + " → " + Schedule.num(end) + " over " + steps + " steps, stop at "
                + Schedule.num(divergence) + " × the best smoothed loss, β=" + Schedule.num(smoothing) + ")";
    }
}
