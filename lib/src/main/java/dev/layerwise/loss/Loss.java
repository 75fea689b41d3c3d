package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;

/**
 * A training objective: turns a batch of net outputs and targets into one number to minimize.
 *
 * <p>Pick with the net's last layer in mind: {@link #softmaxCrossEntropy()} after a final
 * {@code dense(classes)} (it applies the softmax itself); {@link #summedBinaryCrossEntropy()} or
 * {@link #binaryCrossEntropy()} after a final {@code sigmoid()}; {@link #mse()} for the quadratic
 * cost of early neural-net texts.
 */
public interface Loss {
    /** @return the loss's name as summaries show it */
    String name();

    /**
     * The loss of one batch, averaged over its examples.
     *
     * @param output the net's output, [batch, classes]
     * @param targets the batch's targets
     * @return a scalar array
     */
    NDArray compute(NDArray output, Targets targets);

    /**
     * Whether this loss reads class labels (and so cannot train on data with regression targets
     * only); the learner checks it when the loss is set, before any training.
     *
     * @return true for softmax cross-entropy
     */
    default boolean needsLabels() {
        return false;
    }

    /**
     * Whether this loss wants the input of a final sigmoid layer instead of its output. Computing
     * from logits is exact where σ saturates in float32, and its gradient is exactly σ(z) − y.
     *
     * @return true for the binary cross-entropies
     */
    default boolean fusesFinalSigmoid() {
        return false;
    }

    /**
     * The loss computed from the logits z of a final sigmoid, used when {@link #fusesFinalSigmoid()}.
     *
     * @param logits the input of the final sigmoid
     * @param targets the batch's targets
     * @return a scalar array
     */
    default NDArray computeFromLogits(NDArray logits, Targets targets) {
        throw new UnsupportedOperationException(name() + " does not take logits");
    }

    /**
     * Softmax cross-entropy for classification, fused as log-softmax then a pick of each row's
     * target: −mean log softmax(z)[y]. The net should end with {@code dense(classes)}.
     *
     * @return the loss
     */
    static Loss softmaxCrossEntropy() {
        return new SoftmaxCrossEntropy();
    }

    /**
     * Mean squared error against one-hot targets, averaged over every output (PyTorch's
     * {@code MSELoss}).
     *
     * @return the loss
     */
    static Loss mse() {
        return new MeanSquaredError();
    }

    /**
     * Binary cross-entropy against one-hot targets, averaged over every output: for a net ending
     * in {@code sigmoid()}.
     *
     * @return the loss
     */
    static Loss binaryCrossEntropy() {
        return new BinaryCrossEntropy(false);
    }

    /**
     * Binary cross-entropy summed over the outputs and averaged over the batch, as in Michael
     * Nielsen's <i>Neural Networks and Deep Learning</i> (ch. 3 and 5):
     * C = −(1/n) Σₓ Σⱼ [yⱼ ln aⱼ + (1 − yⱼ) ln(1 − aⱼ)], for a net ending in {@code sigmoid()}.
     *
     * @return the loss
     */
    static Loss summedBinaryCrossEntropy() {
        return new BinaryCrossEntropy(true);
    }

    /**
     * The library's loss of a given {@link #name()}, e.g. for a learner read back from a file.
     *
     * @param name {@code softmaxCrossEntropy}, {@code mse}, {@code binaryCrossEntropy} or
     *     {@code summedBinaryCrossEntropy}
     * @return the loss
     * @throws IllegalArgumentException for any other name
     */
    static Loss named(String name) {
        for (Loss loss : new Loss[] {softmaxCrossEntropy(), mse(), binaryCrossEntropy(), summedBinaryCrossEntropy()}) {
            if (loss.name().equals(name)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("Unknown loss '" + name + "'; this version knows softmaxCrossEntropy, mse,"
                + " binaryCrossEntropy and summedBinaryCrossEntropy. A file naming it may come from a newer Layerwise.");
    }
}
