package dev.layerwise.loss;

import ai.djl.ndarray.NDArray;

/** mean((a − y)²) over every output of the batch, with the data's targets or one-hot labels y. */
final class MeanSquaredError implements Loss {
    @Override
    public String name() {
        return "mse";
    }

    @Override
    public NDArray compute(NDArray output, Targets targets) {
        return output.sub(targets.dense()).square().mean();
    }

    @Override
    public String toString() {
        return name();
    }
}
