package dev.layerwise.nn;

import ai.djl.ndarray.NDArray;

/**
 * Dropout (Srivastava et al. 2014): while training, zeroes each value with probability
 * {@code rate} and scales the rest by 1/(1-rate); does nothing at evaluation.
 *
 * @param name the layer's name
 * @param rate the drop probability, in [0, 1)
 */
public record Dropout(String name, double rate) implements Layer {
    /** Checks the rate. */
    public Dropout {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout(" + rate + "): the rate is the probability of dropping a unit"
                    + " and must be in [0, 1); typical values are 0.2 to 0.5.");
        }
    }

    @Override
    public String kind() {
        return "Dropout";
    }

    @Override
    public Dropout named(String newName) {
        return new Dropout(newName, rate);
    }

    @Override
    public long[] outputShape(long[] in) {
        return in.clone();
    }

    @Override
    public String settings() {
        return "rate " + rate;
    }

    @Override
    public NDArray forward(NDArray x, LayerParams params, boolean training) {
        if (!training || rate == 0) {
            return x;
        }
        return ai.djl.nn.norm.Dropout.dropout(x, (float) rate, true).singletonOrThrow();
    }
}
