package dev.layerwise.train;

import ai.djl.ndarray.NDArray;
import dev.layerwise.loss.Targets;

/** One batch's targets; each form is built on first request inside the batch's scope. */
final class BatchTargets implements Targets {
    private final NDArray labels;
    private final NDArray values;
    private final int classes;
    private final long batchSize;
    private NDArray column;
    private NDArray oneHot;

    /**
     * @param labels class ids, or null for data without labels
     * @param values regression targets, or null
     */
    BatchTargets(NDArray labels, NDArray values, int classes, long batchSize) {
        this.labels = labels;
        this.values = values;
        this.classes = classes;
        this.batchSize = batchSize;
    }

    @Override
    public NDArray labels() {
        if (labels == null) {
            throw new IllegalStateException("This loss needs class labels, but the data has regression targets only;"
                    + " use Loss.mse() or Loss.binaryCrossEntropy().");
        }
        return labels;
    }

    /** The labels, or null for data without labels. */
    NDArray labelsOrNull() {
        return labels;
    }

    @Override
    public NDArray labelColumn() {
        if (column == null) {
            column = labels().reshape(-1, 1);
        }
        return column;
    }

    @Override
    public NDArray oneHot() {
        if (oneHot == null) {
            oneHot = labels().oneHot(classes);
        }
        return oneHot;
    }

    @Override
    public NDArray dense() {
        return values != null ? values : oneHot();
    }

    @Override
    public long batchSize() {
        return batchSize;
    }
}
