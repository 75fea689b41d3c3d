package dev.layerwise.data;

/**
 * How {@link Dataset#scale(Scaling)} rescales features; the statistics always come from the training
 * examples only and are applied unchanged to the validation and test examples.
 */
public enum Scaling {
    /** {@code (x - mean) / standard deviation}: zero mean and unit variance on the training set (scikit-learn's StandardScaler). */
    STANDARDIZE,
    /** {@code (x - min) / (max - min)}: the training set's range becomes [0, 1] (scikit-learn's MinMaxScaler). */
    MIN_MAX
}
