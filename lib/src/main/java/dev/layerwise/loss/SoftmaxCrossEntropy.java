package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;

/** −mean log softmax(z)[y]: log-softmax and a gather, no one-hot matrix, no separate softmax. */
final class SoftmaxCrossEntropy implements Loss {
    @Override
    public String name() {
        return "softmaxCrossEntropy";
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public NDArray compute(NDArray output, Targets targets) {
        return output.logSoftmax(1).gather(targets.labelColumn(), 1).mean().neg();
    }

    @Override
    public String toString() {
        return name();
    }
}
