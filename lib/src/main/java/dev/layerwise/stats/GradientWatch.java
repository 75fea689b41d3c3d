package dev.layerwise.stats;

/**
 * What to record while training and how often; give it to {@code learner.watch(...)}.
 * Build one from {@link Gradients#perLayer()} and refine it: {@code .every(1)},
 * {@code .activations()}, {@code .histograms(50)}.
 *
 * @param every record one step in this many (1 = every step)
 * @param recordsActivations also record per-layer activation statistics on a fixed probe batch
 * @param histogramBins bins of the gradient and weight histograms, 0 for none
 * @param histogramEvery record histograms one step in this many (a multiple of {@code every})
 */
public record GradientWatch(int every, boolean recordsActivations, int histogramBins, int histogramEvery) {
    /** Default cadence: one step in 10 keeps the recorder's cost under 5% of a step (measured). */
    public static final int DEFAULT_EVERY = 10;

    /** Checks the settings. */
    public GradientWatch {
        if (every < 1) {
            throw new IllegalArgumentException("every(" + every + "): record at least every step, i.e. every(1),"
                    + " or a larger number to sample less often.");
        }
        if (histogramBins < 0 || histogramBins > 1000) {
            throw new IllegalArgumentException("histograms(" + histogramBins + "): expected 0 (none) to 1000 bins,"
                    + " e.g. histograms(40).");
        }
        if (histogramEvery < 1) {
            throw new IllegalArgumentException("histograms every " + histogramEvery + " steps: expected at least 1.");
        }
    }

    /**
     * A watch recording gradient and weight statistics every {@code every} steps, nothing else.
     *
     * @param every the sampling period in steps
     */
    public GradientWatch(int every) {
        this(every, false, 0, Math.max(every, 100));
    }

    /**
     * The same watch sampling one step in {@code n}.
     *
     * @param n the sampling period in steps
     * @return the changed watch
     */
    public GradientWatch every(int n) {
        return new GradientWatch(n, recordsActivations, histogramBins, histogramEvery < n ? n : histogramEvery);
    }

    /**
     * The same watch also recording activation statistics (mean, std, fraction saturated, fraction
     * of dead ReLUs) of every layer on a fixed probe batch of the training data.
     *
     * @return the changed watch
     */
    public GradientWatch activations() {
        return new GradientWatch(every, true, histogramBins, histogramEvery);
    }

    /**
     * The same watch also recording histograms of every parameter's gradient and weights, one step
     * in 100 (or every sampled step when sampling is sparser).
     *
     * @param bins bins per histogram, e.g. 40
     * @return the changed watch
     */
    public GradientWatch histograms(int bins) {
        return new GradientWatch(every, recordsActivations, bins, histogramEvery);
    }

    /**
     * The same watch recording histograms one step in {@code n}.
     *
     * @param bins bins per histogram
     * @param n the histogram period in steps
     * @return the changed watch
     */
    public GradientWatch histograms(int bins, int n) {
        return new GradientWatch(every, recordsActivations, bins, n);
    }
}
