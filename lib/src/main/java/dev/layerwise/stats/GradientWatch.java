package dev.layerwise.stats;

/**
 * What to record about gradients while training, and how often; give it to
 * {@code learner.watch(...)}.
 *
 * @param every record one step in this many (1 = every step)
 */
public record GradientWatch(int every) {
    /** Checks the cadence. */
    public GradientWatch {
        if (every < 1) {
            throw new IllegalArgumentException("every(" + every + "): record at least every step, i.e. every(1),"
                    + " or a larger number to sample less often.");
        }
    }

    /**
     * The same watch sampling one step in {@code n}.
     *
     * @param n the sampling period in steps
     * @return the changed watch
     */
    public GradientWatch every(int n) {
        return new GradientWatch(n);
    }
}
