package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

/**
 * Flattens each example to a vector, e.g. [16, 4, 4] to [256], between convolutions and dense layers.
 *
 * @param name the layer's name
 */
public record Flatten(String name) implements Layer {
    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public Flatten named(String newName) {
        return new Flatten(newName);
    }

    @Override
    public long[] outputShape(long[] in) {
        return new long[] {Shapes.size(in)};
    }

    @Override
    public String settings() {
        return "";
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        return x.reshape(x.getShape().get(0), -1);
    }
}
