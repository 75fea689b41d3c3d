package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * 2-D max pooling: the largest value in each window, per channel.
 *
 * @param name the layer's name
 * @param size window side
 * @param stride step between windows (usually the window side)
 */
public record MaxPool(String name, int size, int stride) implements Layer {
    /** Checks the settings. */
    public MaxPool {
        Pool2d.check("maxPool", size, stride);
    }

    @Override
    public String kind() {
        return "MaxPool";
    }

    @Override
    public MaxPool named(String newName) {
        return new MaxPool(newName, size, stride);
    }

    @Override
    public long[] outputShape(long[] in) {
        return Pool2d.outputShape(name, size, stride, in);
    }

    @Override
    public String settings() {
        return Pool2d.settings(size, stride);
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        return Pool.maxPool2d(x, new Shape(size, size), new Shape(stride, stride), new Shape(0, 0), false);
    }
}
