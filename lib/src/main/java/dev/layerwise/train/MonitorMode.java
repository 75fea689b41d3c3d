package dev.layerwise.train;

/**
 * Whether a monitored figure improves by going down ({@link #MIN}, a loss) or up ({@link #MAX}, an
 * accuracy), as Keras's {@code mode="min"} and {@code mode="max"}. Early stopping, reduce-on-plateau
 * and the best-weights snapshot infer it from the figure's name when not told.
 */
public enum MonitorMode {
    /** Lower is better: losses and errors. */
    MIN,
    /** Higher is better: accuracies and scores. */
    MAX
}
