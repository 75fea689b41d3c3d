package dev.layerwise.train;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * One training step as callbacks see it. The arrays it hands out belong to the step and are
 * closed when it ends: read numbers from them, don't keep them. Values are computed when first
 * asked for and then kept for the rest of the step.
 */
public interface StepContext {
    /** @return the learner being trained */
    Learner learner();

    /** @return the step number, counting from 1 across all {@code fit} calls */
    long step();

    /** @return the epoch number, counting from 1 across all {@code fit} calls */
    int epoch();

    /** @return the batch's position in its epoch, counting from 1 */
    int batch();

    /** @return batches in one epoch */
    int batchesPerEpoch();

    /** @return the batch's loss before the update (one read from native memory); NaN outside a step */
    double loss();

    /**
     * The fraction of the batch classified right before the update, computed on request (four
     * native operations and one read); NaN outside a step or for data without labels.
     *
     * @return the batch's accuracy
     */
    double accuracy();

    /** @return the trainable parameters by full name, e.g. {@code dense_1.weight} */
    Map<String, NDArray> parameters();

    /**
     * The gradient of one parameter for this batch.
     *
     * @param parameter the parameter's full name
     * @return its gradient, valid during the callback
     */
    NDArray gradient(String parameter);
}
