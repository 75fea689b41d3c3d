package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;

import java.util.List;

/**
 * A fully connected layer: {@code y = x Wᵀ + b}, with W of shape [units, inputs].
 *
 * @param name the layer's name
 * @param units output units, at least 1
 * @param weightInit this layer's weight initializer, or {@code null} for the net's default
 * @param biasInit this layer's bias initializer, or {@code null} for the net's default
 */
public record Dense(String name, int units, Init weightInit, Init biasInit) implements Layer {
    /** Checks the unit count. */
    public Dense {
        if (units < 1) {
            throw new IllegalArgumentException("dense(" + units + "): a dense layer needs at least 1 unit"
                    + (name == null ? "" : " (" + name + ")") + "; pass the number of outputs, e.g. dense(30).");
        }
    }

    @Override
    public String kind() {
        return "Dense";
    }

    @Override
    public Dense named(String newName) {
        return new Dense(newName, units, weightInit, biasInit);
    }

    /**
     * This layer with its own initializers.
     *
     * @param weights for the weights, or {@code null} for the net's default
     * @param biases for the biases, or {@code null} for the net's default
     * @return the changed layer
     */
    public Dense withInit(Init weights, Init biases) {
        return new Dense(name, units, weights, biases);
    }

    @Override
    public long[] outputShape(long[] in) {
        if (in.length != 1) {
            throw new ShapeMismatchException(name, in, "a flat vector [features]",
                    "Add .flatten() before .dense(" + units + ").");
        }
        return new long[] {units};
    }

    @Override
    public List<ParamSpec> params(long[] in) {
        long inputs = outputShapeInput(in);
        return List.of(
                new ParamSpec("weight", new long[] {units, inputs}, ParamSpec.Role.WEIGHT, inputs, units, weightInit),
                new ParamSpec("bias", new long[] {units}, ParamSpec.Role.BIAS, inputs, units, biasInit));
    }

    private long outputShapeInput(long[] in) {
        outputShape(in);
        return in[0];
    }

    @Override
    public String settings() {
        return units + (units == 1 ? " unit" : " units");
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        return Linear.linear(x, params.get("weight"), params.get("bias")).singletonOrThrow();
    }
}
