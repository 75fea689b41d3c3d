package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;

/** mean((a − y)²) over every output of the batch, with one-hot targets y. */
final class MeanSquaredError implements Loss {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    public NDArray compute(NDArray output, Targets targets) {
        return output.sub(targets.oneHot()).square().mean();
    }

    @Override
    public String toString() {
        return name();
    }
}
