package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.loss.Targets;

/** One batch's targets; each form is built on first request inside the batch's scope. */
final class BatchTargets implements Targets {
    private final NDArray labels;
    private final int classes;
    private NDArray column;
    private NDArray oneHot;

    BatchTargets(NDArray labels, int classes) {
        this.labels = labels;
        this.classes = classes;
    }

    @Override
    public NDArray labels() {
        return labels;
    }

    @Override
    public NDArray labelColumn() {
        if (column == null) {
            column = labels.reshape(-1, 1);
        }
        return column;
    }

    @Override
    public NDArray oneHot() {
        if (oneHot == null) {
            oneHot = labels.oneHot(classes);
        }
        return oneHot;
    }

    @Override
    public long batchSize() {
        return labels.getShape().get(0);
    }
}
