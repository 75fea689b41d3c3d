package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropy with one-hot targets, either averaged over every output or summed over
 * the outputs and averaged over the batch (Nielsen's form).
 */
final class BinaryCrossEntropy implements Loss {
    private static final float EPSILON = 1e-7f;
    private final boolean summed;

    BinaryCrossEntropy(boolean summed) {
        this.summed = summed;
    }

    @Override
    public String name() {
        return summed ? "summedBinaryCrossEntropy" : "binaryCrossEntropy";
    }

    @Override
    public boolean fusesFinalSigmoid() {
        return true;
    }

    @Override
    public NDArray compute(NDArray output, Targets targets) {
        // Probabilities from somewhere other than a final sigmoid: clip to keep the logs finite.
        NDArray a = output.clip(EPSILON, 1 - EPSILON);
        NDArray y = targets.dense();
        NDArray perOutput = y.mul(a.log()).add(y.neg().add(1).mul(a.neg().add(1).log())).neg();
        return reduce(perOutput, targets);
    }

    @Override
    public NDArray computeFromLogits(NDArray logits, Targets targets) {
        // −[y ln σ(z) + (1−y) ln(1−σ(z))] = softplus(z) − y·z, exact for any z
        NDArray perOutput = Activation.softPlus(logits).sub(targets.dense().mul(logits));
        return reduce(perOutput, targets);
    }

    private NDArray reduce(NDArray perOutput, Targets targets) {
        return summed ? perOutput.sum().div(targets.batchSize()) : perOutput.mean();
    }

    @Override
    public String toString() {
        return name();
    }
}
