package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;

/**
 * Targets given outright, for checking a loss by hand: class labels and their one-hot rows.
 *
 * @param labels class indices, int64, one per example
 * @param oneHot [examples, classes]; also the dense targets
 */
record FixedTargets(NDArray labels, NDArray oneHot) implements Targets {
    @Override
    public NDArray labelColumn() {
        return labels.reshape(-1, 1);
    }

    @Override
    public NDArray dense() {
        return oneHot;
    }

    @Override
    public long batchSize() {
        return labels.getShape().get(0);
    }
}
