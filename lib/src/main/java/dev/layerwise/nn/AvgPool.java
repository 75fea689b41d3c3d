package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * 2-D average pooling: the mean of each window, per channel (LeNet's subsampling).
 *
 * @param name the layer's name
 * @param size window side
 * @param stride step between windows (usually the window side)
 */
public record AvgPool(String name, int size, int stride) implements Layer {
    /** Checks the settings. */
    public AvgPool {
        Pool2d.check("avgPool", size, stride);
    }

    @Override
    public String kind() {
        return "AvgPool";
    }

    @Override
    public AvgPool named(String newName) {
        return new AvgPool(newName, size, stride);
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
        return Pool.avgPool2d(x, new Shape(size, size), new Shape(stride, stride), new Shape(0, 0), false, true);
    }
}
