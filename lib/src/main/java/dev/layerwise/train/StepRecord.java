package dev.layerwise.train;

/**
 * What one training step did.
 *
 * @param step the learner's step number, counting from 1 across all {@code fit} calls
 * @param epoch the epoch it belongs to, counting from 1
 * @param loss the batch's mean loss before the update
 * @param accuracy the fraction of the batch classified right before the update; NaN unless a callback asked
 *     for it ({@link StepContext#accuracy()}) before the record was made at {@link Event#STEP_END}
 * @param batchSize examples in the batch
 * @param millis wall time of the step, in milliseconds
 * @param learningRate the optimizer's learning rate at this step, before per-layer multipliers
 * @param momentum the optimizer's momentum at this step, NaN for rules without momentum
 */
public record StepRecord(long step, int epoch, double loss, double accuracy, int batchSize, double millis,
        double learningRate, double momentum) {}
