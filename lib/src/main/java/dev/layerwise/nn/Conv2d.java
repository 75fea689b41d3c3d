package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.List;

/**
 * A 2-D convolution over [channels, height, width] examples with square kernels.
 *
 * @param name the layer's name
 * @param filters output channels, at least 1
 * @param kernel kernel side, at least 1
 * @param stride step between windows, at least 1
 * @param padding zeros added on each side, at least 0
 * @param weightInit this layer's weight initializer, or {@code null} for the net's default
 * @param biasInit this layer's bias initializer, or {@code null} for the net's default
 */
public record Conv2d(String name, int filters, int kernel, int stride, int padding, Init weightInit, Init biasInit)
        implements Layer {
    /** Checks the settings. */
    public Conv2d {
        if (filters < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d(filters=" + filters + ", kernel=" + kernel + ", stride="
                    + stride + ", padding=" + padding + "): expected filters, kernel and stride ≥ 1 and padding ≥ 0,"
                    + " e.g. conv2d(16, 5).");
        }
    }

    @Override
    public String kind() {
        return "Conv2d";
    }

    @Override
    public Conv2d named(String newName) {
        return new Conv2d(newName, filters, kernel, stride, padding, weightInit, biasInit);
    }

    /**
     * This layer with its own initializers.
     *
     * @param weights for the kernels, or {@code null} for the net's default
     * @param biases for the biases, or {@code null} for the net's default
     * @return the changed layer
     */
    public Conv2d withInit(Init weights, Init biases) {
        return new Conv2d(name, filters, kernel, stride, padding, weights, biases);
    }

    @Override
    public long[] outputShape(long[] in) {
        if (in.length != 3) {
            throw new ShapeMismatchException(name, in, "an image [channels, height, width]",
                    in.length == 1 ? "Load the data as images (data.images()) or reshape the input, e.g. Net.input(1, 28, 28)."
                            : "Give the net an input of shape [channels, height, width].");
        }
        long h = (in[1] + 2L * padding - kernel) / stride + 1;
        long w = (in[2] + 2L * padding - kernel) / stride + 1;
        if (in[1] + 2L * padding < kernel || in[2] + 2L * padding < kernel) {
            throw new ShapeMismatchException(name, in, "height and width of at least " + kernel + " (the kernel)",
                    "Use a smaller kernel, add padding, or remove a pooling layer before it.");
        }
        return new long[] {filters, h, w};
    }

    @Override
    public List<ParamSpec> params(long[] in) {
        outputShape(in);
        long area = (long) kernel * kernel;
        return List.of(
                new ParamSpec("weight", new long[] {filters, in[0], kernel, kernel}, ParamSpec.Role.WEIGHT,
                        in[0] * area, filters * area, weightInit),
                new ParamSpec("bias", new long[] {filters}, ParamSpec.Role.BIAS, in[0] * area, filters * area, biasInit));
    }

    @Override
    public String settings() {
        return filters + " filters " + kernel + "×" + kernel
                + (stride != 1 ? ", stride " + stride : "") + (padding != 0 ? ", padding " + padding : "");
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, params.get("weight"), params.get("bias"),
                new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1)).singletonOrThrow();
    }
}
