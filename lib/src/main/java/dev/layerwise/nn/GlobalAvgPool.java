package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

/**
 * Global average pooling: each channel of a [channels, height, width] example averaged over height
 * and width, giving [channels]. It replaces flatten before a ResNet's last dense layer, so that
 * layer has one weight per channel whatever the image size (Lin et al. 2013; He et al. 2016).
 *
 * @param name the layer's name
 */
public record GlobalAvgPool(String name) implements Layer {
    @Override
    public String kind() {
        return "GlobalAvgPool";
    }

    @Override
    public GlobalAvgPool named(String newName) {
        return new GlobalAvgPool(newName);
    }

    @Override
    public long[] outputShape(long[] in) {
        if (in.length != 3) {
            throw new ShapeMismatchException(name, in, "an image [channels, height, width] to average each channel"
                    + " over", in.length == 1 ? "The input is already a vector: leave globalAvgPool() out, or place it"
                    + " after the conv2d layers and before any flatten() or dense layer."
                    : "Place globalAvgPool() after conv2d layers, on [channels, height, width].");
        }
        return new long[] {in[0]};
    }

    @Override
    public String settings() {
        return "";
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        // DJL's PyTorch engine averages over one axis at a time, so height and width become one axis
        return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
    }
}
