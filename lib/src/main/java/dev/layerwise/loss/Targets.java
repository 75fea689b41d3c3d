package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;

/**
 * What a batch should have produced, in the forms losses need. The training loop builds each form
 * only when a loss asks for it, and closes them all with the batch.
 */
public interface Targets {
    /** @return class ids as int64, shape [batch] */
    NDArray labels();

    /** @return class ids as int64, shape [batch, 1], for gathering one column per row */
    NDArray labelColumn();

    /** @return one-hot float32 targets, shape [batch, classes] */
    NDArray oneHot();

    /**
     * The targets as float32 shaped like the net's output: the data's own targets (regression,
     * autoencoders) when it has them, else the one-hot class labels.
     *
     * @return the dense targets
     */
    NDArray dense();

    /** @return the batch size */
    long batchSize();
}
